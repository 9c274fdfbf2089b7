"""A member of staff reports a concern; the DSP is alerted ("Disclosure", "Initial response")."""

"""The risk assessment, conversations with the children and the continuum ("Assessing the
risks")."""

"""Retention review and two-person destruction of records past their date ("Recording
incidents")."""

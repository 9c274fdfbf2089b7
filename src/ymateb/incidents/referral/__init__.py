"""Referrals to the police or social services and their outcomes ("How to report online content
to the police")."""

"""Closing an incident and adding dated addenda to a closed record ("Recording incidents")."""

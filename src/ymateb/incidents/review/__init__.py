"""The initial review meeting and the decision engine's recommendation ("Initial review
meeting")."""

"""Ymateb: responding to incidents of sharing nudes and semi-nudes in education settings."""

__version__ = "0.1.0"

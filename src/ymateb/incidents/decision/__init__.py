"""A decision not to refer, signed off by leadership ("Recording incidents")."""

"""The device register: seized and retained, never deleted from ("Seizure of devices")."""

"""The Qt user interface. Everything here sits on top of ``app.core``."""

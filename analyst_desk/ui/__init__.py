"""The Qt user interface. Everything here sits on top of ``analyst_desk.core``."""

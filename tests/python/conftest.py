# conftest.py: make every test import the uninstalled ModelPersist.
import gi

gi.require_version("ModelPersist", "1.0")

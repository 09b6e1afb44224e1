"""The front ends: the command line and the Textual review screen."""

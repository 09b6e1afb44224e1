"""Small widgets of the review screen."""

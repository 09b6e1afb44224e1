"""The screens of the review: the review itself, the matrix, help and the dialogs."""

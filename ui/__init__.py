"""Dock panels and dialogs: they run PlaceLink's Processing algorithms, never their own copy."""

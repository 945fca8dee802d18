"""Address matching benchmark: PlaceLink beside uk-address-matcher on a synthetic council."""

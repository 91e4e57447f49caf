"""The 7.4 record: audit events, how they change a case, the JSON codec, and
verification of a case's trail."""

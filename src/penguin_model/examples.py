"""Known penguins from the data set, one of each species: for examples, tests and exercise checks."""

GENTOO = {
    "island": "Biscoe",
    "bill_length_mm": 47.5,
    "bill_depth_mm": 15.0,
    "flipper_length_mm": 218.0,
    "body_mass_g": 5200.0,
    "sex": "female",
}
ADELIE = {
    "island": "Torgersen",
    "bill_length_mm": 39.1,
    "bill_depth_mm": 18.7,
    "flipper_length_mm": 181.0,
    "body_mass_g": 3750.0,
    "sex": "male",
}
CHINSTRAP = {
    "island": "Dream",
    "bill_length_mm": 49.5,
    "bill_depth_mm": 19.0,
    "flipper_length_mm": 200.0,
    "body_mass_g": 3800.0,
    "sex": None,
}

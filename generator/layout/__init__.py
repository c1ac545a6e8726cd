"""Layout: model + theme + format in, scene out. Pure: no rendering libraries."""

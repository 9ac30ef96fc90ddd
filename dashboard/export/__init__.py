"""What analysts carry away: the self-contained HTML map and the GeoJSON, CSV and GeoPackage exports."""

/* WGS84 longitude/latitude <-> British National Grid (OSGB36 Transverse Mercator, EPSG:27700).
 * The datum shift is the Ordnance Survey's 7-parameter Helmert transform, good to about 5 m
 * anywhere in Great Britain (OSTN15 would be ~0.1 m); police.uk points are snapped far more. */
#ifndef NESTGUARD_PROJECTION_H
#define NESTGUARD_PROJECTION_H

/* WGS84 degrees (east-positive longitude) -> easting/northing in metres on the National Grid.
 * Returns 0, or -1 (outputs untouched) when the input is not finite or not a valid
 * longitude/latitude. */
int projection_wgs84_to_bng(double lon, double lat, double *e, double *n);
/* The inverse, National Grid metres -> WGS84 degrees (height taken as 0 on both ellipsoids);
 * wgs84_to_bng() of the result gives back E/N to well under a millimetre. Returns 0, or -1
 * (outputs untouched) when E/N are not finite or lie far outside the National Grid. */
int projection_bng_to_wgs84(double e, double n, double *lon, double *lat);

/* The Transverse Mercator step alone, on OSGB36 (Airy 1830) lon/lat in degrees, for tests and
 * for data already on OSGB36 lon/lat (EPSG:4277). */
void projection_osgb36_to_grid(double lon, double lat, double *e, double *n);
void projection_grid_to_osgb36(double e, double n, double *lon, double *lat);

#endif

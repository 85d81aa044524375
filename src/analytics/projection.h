/* WGS84 longitude/latitude <-> British National Grid (OSGB36 Transverse Mercator, EPSG:27700).
 * The datum shift is the Ordnance Survey's 7-parameter Helmert transform, good to about 5 m
 * anywhere in Great Britain (OSTN15 would be ~0.1 m); police.uk points are snapped far more. */
#ifndef NESTGUARD_PROJECTION_H
#define NESTGUARD_PROJECTION_H

/* Degrees (east-positive longitude) on WGS84 -> easting/northing in metres on the National Grid. */
void projection_wgs84_to_bng(double lon, double lat, double *easting, double *northing);
/* The inverse: National Grid metres -> WGS84 degrees (height taken as 0 on both ellipsoids). */
void projection_bng_to_wgs84(double easting, double northing, double *lon, double *lat);

/* The two halves, for tests and for files that are already on OSGB36 lon/lat (EPSG:4277):
 * the Transverse Mercator projection of Airy 1830 lon/lat to grid metres and back. */
void projection_osgb36_to_bng(double lon, double lat, double *easting, double *northing);
void projection_bng_to_osgb36(double easting, double northing, double *lon, double *lat);

#endif

/* WGS84 longitude/latitude <-> British National Grid (OSGB36 / EPSG:27700) eastings and
 * northings, by Ordnance Survey's published method: transverse Mercator on the Airy 1830
 * ellipsoid plus a 7-parameter Helmert datum shift (accurate to a few metres; OSTN15 is
 * not used because its grid file is not available here). */
#ifndef NESTGUARD_PROJECTION_H
#define NESTGUARD_PROJECTION_H

/* Convert an easting/northing in metres to WGS84 degrees. Returns 0, or -1 (outputs
 * untouched) when E/N are not finite or lie far outside the National Grid's extent. */
int projection_bng_to_wgs84(double e, double n, double *lon, double *lat);
/* Convert WGS84 degrees to an easting/northing in metres. Returns 0, or -1 (outputs
 * untouched) when the input is not finite or not a valid longitude/latitude. */
int projection_wgs84_to_bng(double lon, double lat, double *e, double *n);

/* The transverse Mercator step alone, on OSGB36 latitude/longitude (degrees), exposed so
 * tests can check it against Ordnance Survey's worked example. */
void projection_osgb36_to_grid(double lon, double lat, double *e, double *n);
void projection_grid_to_osgb36(double e, double n, double *lon, double *lat);

#endif

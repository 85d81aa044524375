/* WGS84 <-> British National Grid: ellipsoidal lon/lat -> geocentric cartesian -> Helmert
 * -> lon/lat on the other ellipsoid, then the Transverse Mercator series of the OS guide
 * "A guide to coordinate systems in Great Britain" (Annex B/C). */
#include <math.h>
#include "analytics/projection.h"

#define DEG (M_PI / 180.0)
#define ARCSEC (M_PI / (180.0 * 3600.0))

struct ellipsoid { double a, b; };

static const struct ellipsoid airy1830 = {6377563.396, 6356256.909};
static const struct ellipsoid grs80 = {6378137.000, 6356752.3141};

/* National Grid: true origin 49N 2W, scale on the central meridian, false origin offsets. */
static const double F0 = 0.9996012717;
static const double PHI0 = 49.0 * DEG;
static const double LAMBDA0 = -2.0 * DEG;
static const double E0 = 400000.0;
static const double N0 = -100000.0;

/* WGS84 -> OSGB36 Helmert parameters (metres, parts per million, arc-seconds). */
struct helmert { double tx, ty, tz, s_ppm, rx, ry, rz; };
static const struct helmert wgs84_to_osgb36 = {
	-446.448, 125.157, -542.060, 20.4894, -0.1502, -0.2470, -0.8421
};

static double eccentricity2(const struct ellipsoid *el)
{
	return (el->a * el->a - el->b * el->b) / (el->a * el->a);
}

static void geodetic_to_cartesian(const struct ellipsoid *el, double lon, double lat,
				  double *x, double *y, double *z)
{
	double e2 = eccentricity2(el);
	double sp = sin(lat), cp = cos(lat);
	double nu = el->a / sqrt(1.0 - e2 * sp * sp);
	*x = nu * cp * cos(lon);
	*y = nu * cp * sin(lon);
	*z = (1.0 - e2) * nu * sp;
}

/* Iterates latitude until it moves by less than 1e-12 rad (well below a millimetre). */
static void cartesian_to_geodetic(const struct ellipsoid *el, double x, double y, double z,
				  double *lon, double *lat)
{
	double e2 = eccentricity2(el);
	double p = sqrt(x * x + y * y);
	double phi = atan2(z, p * (1.0 - e2));
	for (int i = 0; i < 20; i++) {
		double sp = sin(phi);
		double nu = el->a / sqrt(1.0 - e2 * sp * sp);
		double next = atan2(z + e2 * nu * sp, p);
		double moved = fabs(next - phi);
		phi = next;
		if (moved < 1e-12) break;
	}
	*lat = phi;
	*lon = atan2(y, x);
}

/* Small-angle Helmert: sign = +1 applies the parameters, -1 the (approximate) reverse. */
static void helmert_apply(const struct helmert *h, double sign, double *x, double *y, double *z)
{
	double s = 1.0 + sign * h->s_ppm * 1e-6;
	double rx = sign * h->rx * ARCSEC, ry = sign * h->ry * ARCSEC, rz = sign * h->rz * ARCSEC;
	double ax = *x, ay = *y, az = *z;
	*x = sign * h->tx + s * ax - rz * ay + ry * az;
	*y = sign * h->ty + rz * ax + s * ay - rx * az;
	*z = sign * h->tz - ry * ax + rx * ay + s * az;
}

/* Developed meridional arc from PHI0 to phi, scaled by F0 (the OS guide's M). */
static double meridional_arc(double phi)
{
	double a = airy1830.a, b = airy1830.b;
	double n = (a - b) / (a + b), n2 = n * n, n3 = n2 * n;
	double dp = phi - PHI0, sp = phi + PHI0;
	return b * F0 * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * dp
			 - (3.0 * n + 3.0 * n2 + 21.0 / 8.0 * n3) * sin(dp) * cos(sp)
			 + (15.0 / 8.0 * n2 + 15.0 / 8.0 * n3) * sin(2.0 * dp) * cos(2.0 * sp)
			 - 35.0 / 24.0 * n3 * sin(3.0 * dp) * cos(3.0 * sp));
}

void projection_osgb36_to_grid(double lon, double lat, double *easting, double *northing)
{
	double a = airy1830.a, e2 = eccentricity2(&airy1830);
	double phi = lat * DEG, lambda = lon * DEG;
	double sp = sin(phi), cp = cos(phi), tp = tan(phi);
	double t2 = tp * tp, t4 = t2 * t2;
	double nu = a * F0 / sqrt(1.0 - e2 * sp * sp);
	double rho = a * F0 * (1.0 - e2) / pow(1.0 - e2 * sp * sp, 1.5);
	double eta2 = nu / rho - 1.0;
	double c3 = cp * cp * cp, c5 = c3 * cp * cp;

	double I = meridional_arc(phi) + N0;
	double II = nu / 2.0 * sp * cp;
	double III = nu / 24.0 * sp * c3 * (5.0 - t2 + 9.0 * eta2);
	double IIIA = nu / 720.0 * sp * c5 * (61.0 - 58.0 * t2 + t4);
	double IV = nu * cp;
	double V = nu / 6.0 * c3 * (nu / rho - t2);
	double VI = nu / 120.0 * c5 * (5.0 - 18.0 * t2 + t4 + 14.0 * eta2 - 58.0 * t2 * eta2);

	double L = lambda - LAMBDA0, L2 = L * L;
	*northing = I + L2 * (II + L2 * (III + L2 * IIIA));
	*easting = E0 + L * (IV + L2 * (V + L2 * VI));
}

void projection_grid_to_osgb36(double easting, double northing, double *lon, double *lat)
{
	double a = airy1830.a, e2 = eccentricity2(&airy1830);
	/* Footpoint latitude: iterate until the arc matches the northing to 0.01 mm. */
	double phi = (northing - N0) / (a * F0) + PHI0;
	double m = meridional_arc(phi);
	for (int i = 0; i < 50 && fabs(northing - N0 - m) >= 1e-5; i++) {
		phi += (northing - N0 - m) / (a * F0);
		m = meridional_arc(phi);
	}
	double sp = sin(phi), cp = cos(phi), tp = tan(phi), sec = 1.0 / cp;
	double t2 = tp * tp, t4 = t2 * t2, t6 = t4 * t2;
	double nu = a * F0 / sqrt(1.0 - e2 * sp * sp);
	double rho = a * F0 * (1.0 - e2) / pow(1.0 - e2 * sp * sp, 1.5);
	double eta2 = nu / rho - 1.0;
	double nu3 = nu * nu * nu, nu5 = nu3 * nu * nu, nu7 = nu5 * nu * nu;

	double VII = tp / (2.0 * rho * nu);
	double VIII = tp / (24.0 * rho * nu3) * (5.0 + 3.0 * t2 + eta2 - 9.0 * t2 * eta2);
	double IX = tp / (720.0 * rho * nu5) * (61.0 + 90.0 * t2 + 45.0 * t4);
	double X = sec / nu;
	double XI = sec / (6.0 * nu3) * (nu / rho + 2.0 * t2);
	double XII = sec / (120.0 * nu5) * (5.0 + 28.0 * t2 + 24.0 * t4);
	double XIIA = sec / (5040.0 * nu7) * (61.0 + 662.0 * t2 + 1320.0 * t4 + 720.0 * t6);

	double d = easting - E0, d2 = d * d;
	*lat = (phi - d2 * (VII - d2 * (VIII - d2 * IX))) / DEG;
	*lon = (LAMBDA0 + d * (X - d2 * (XI - d2 * (XII - d2 * XIIA)))) / DEG;
}

/* Forward transform without checks; also used by the inverse's refinement. */
static void wgs84_to_bng(double lon, double lat, double *easting, double *northing)
{
	double x, y, z, olon, olat;
	geodetic_to_cartesian(&grs80, lon * DEG, lat * DEG, &x, &y, &z);
	helmert_apply(&wgs84_to_osgb36, 1.0, &x, &y, &z);
	cartesian_to_geodetic(&airy1830, x, y, z, &olon, &olat);
	projection_osgb36_to_grid(olon / DEG, olat / DEG, easting, northing);
}

/* Reversing the Helmert by negating its parameters is only approximate (a few millimetres), so
 * the first answer is refined by fixed-point steps until projecting it forward lands on the grid
 * point given: wgs84_to_bng(bng_to_wgs84(p)) == p to well under a millimetre. */
static void bng_to_wgs84_approximate(double easting, double northing, double *lon, double *lat)
{
	double olon, olat, x, y, z, wlon, wlat;
	projection_grid_to_osgb36(easting, northing, &olon, &olat);
	geodetic_to_cartesian(&airy1830, olon * DEG, olat * DEG, &x, &y, &z);
	helmert_apply(&wgs84_to_osgb36, -1.0, &x, &y, &z);
	cartesian_to_geodetic(&grs80, x, y, z, &wlon, &wlat);
	*lon = wlon / DEG;
	*lat = wlat / DEG;
}

int projection_wgs84_to_bng(double lon, double lat, double *e, double *n)
{
	if (!isfinite(lon) || !isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) return -1;
	wgs84_to_bng(lon, lat, e, n);
	return 0;
}

int projection_bng_to_wgs84(double easting, double northing, double *lon, double *lat)
{
	/* Generously beyond the grid's 0..700 km x 0..1300 km, where the series still behave. */
	if (!isfinite(easting) || !isfinite(northing) || easting < -1e6 || easting > 2e6 ||
	    northing < -1e6 || northing > 2.5e6)
		return -1;
	double lon0, lat0;
	bng_to_wgs84_approximate(easting, northing, &lon0, &lat0);
	double x = lon0, y = lat0;
	for (int i = 0; i < 3; i++) {
		double e, n, back_lon, back_lat;
		wgs84_to_bng(x, y, &e, &n);
		bng_to_wgs84_approximate(e, n, &back_lon, &back_lat);
		x += lon0 - back_lon;
		y += lat0 - back_lat;
	}
	*lon = x;
	*lat = y;
	return 0;
}

/* British National Grid conversions. Formulas from Ordnance Survey, "A guide to coordinate
 * systems in Great Britain" (transverse Mercator series, ellipsoid <-> cartesian, Helmert);
 * the Helmert parameters are OS's WGS84 -> OSGB36 set, negated for the reverse direction. */
#include <math.h>
#include "analytics/projection.h"

#define DEG (M_PI / 180.0)

struct ellipsoid { double a, b; };
static const struct ellipsoid AIRY1830 = {6377563.396, 6356256.909};
static const struct ellipsoid GRS80 = {6378137.000, 6356752.314140};

/* National Grid projection constants */
static const double F0 = 0.9996012717;
static const double LAT0 = 49.0 * DEG, LON0 = -2.0 * DEG;
static const double E0 = 400000.0, N0 = -100000.0;

/* WGS84 -> OSGB36 Helmert: translations (m), scale (ppm), rotations (arc seconds) */
static const double HT[3] = {-446.448, 125.157, -542.060};
static const double HS = 20.4894;
static const double HR[3] = {-0.1502, -0.2470, -0.8421};

/* Meridional arc from the true origin to latitude PHI, scaled by F0. */
static double meridional_arc(double phi)
{
	double a = AIRY1830.a, b = AIRY1830.b;
	double n = (a - b) / (a + b), n2 = n * n, n3 = n2 * n;
	double d = phi - LAT0, s = phi + LAT0;
	return b * F0 * ((1 + n + 1.25 * n2 + 1.25 * n3) * d
		- (3 * n + 3 * n2 + 21.0 / 8 * n3) * sin(d) * cos(s)
		+ (15.0 / 8 * n2 + 15.0 / 8 * n3) * sin(2 * d) * cos(2 * s)
		- 35.0 / 24 * n3 * sin(3 * d) * cos(3 * s));
}

void projection_osgb36_to_grid(double lon, double lat, double *e, double *n)
{
	double a = AIRY1830.a, b = AIRY1830.b;
	double e2 = 1 - (b * b) / (a * a);
	double phi = lat * DEG, dl = lon * DEG - LON0;
	double s = sin(phi), c = cos(phi), t = tan(phi), t2 = t * t, t4 = t2 * t2;
	double nu = a * F0 / sqrt(1 - e2 * s * s);
	double rho = a * F0 * (1 - e2) / pow(1 - e2 * s * s, 1.5);
	double eta2 = nu / rho - 1;
	double c3 = c * c * c, c5 = c3 * c * c;
	double I = meridional_arc(phi) + N0;
	double II = nu / 2 * s * c;
	double III = nu / 24 * s * c3 * (5 - t2 + 9 * eta2);
	double IIIA = nu / 720 * s * c5 * (61 - 58 * t2 + t4);
	double IV = nu * c;
	double V = nu / 6 * c3 * (nu / rho - t2);
	double VI = nu / 120 * c5 * (5 - 18 * t2 + t4 + 14 * eta2 - 58 * t2 * eta2);
	double dl2 = dl * dl;
	*n = I + dl2 * (II + dl2 * (III + dl2 * IIIA));
	*e = E0 + dl * (IV + dl2 * (V + dl2 * VI));
}

void projection_grid_to_osgb36(double e, double n, double *lon, double *lat)
{
	double a = AIRY1830.a, b = AIRY1830.b;
	double e2 = 1 - (b * b) / (a * a);
	double phi = (n - N0) / (a * F0) + LAT0;
	double m = meridional_arc(phi);
	/* iterate until the arc matches the northing to well under a millimetre */
	for (int i = 0; i < 20 && fabs(n - N0 - m) >= 1e-5; i++) {
		phi += (n - N0 - m) / (a * F0);
		m = meridional_arc(phi);
	}
	double s = sin(phi), t = tan(phi), t2 = t * t, t4 = t2 * t2, t6 = t4 * t2;
	double sec = 1 / cos(phi);
	double nu = a * F0 / sqrt(1 - e2 * s * s);
	double rho = a * F0 * (1 - e2) / pow(1 - e2 * s * s, 1.5);
	double eta2 = nu / rho - 1;
	double nu3 = nu * nu * nu, nu5 = nu3 * nu * nu, nu7 = nu5 * nu * nu;
	double VII = t / (2 * rho * nu);
	double VIII = t / (24 * rho * nu3) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2);
	double IX = t / (720 * rho * nu5) * (61 + 90 * t2 + 45 * t4);
	double X = sec / nu;
	double XI = sec / (6 * nu3) * (nu / rho + 2 * t2);
	double XII = sec / (120 * nu5) * (5 + 28 * t2 + 24 * t4);
	double XIIA = sec / (5040 * nu7) * (61 + 662 * t2 + 1320 * t4 + 720 * t6);
	double de = e - E0, de2 = de * de;
	*lat = (phi - de2 * (VII - de2 * (VIII - de2 * IX))) / DEG;
	*lon = (LON0 + de * (X - de2 * (XI - de2 * (XII - de2 * XIIA)))) / DEG;
}

static void to_cartesian(const struct ellipsoid *el, double lon, double lat, double xyz[3])
{
	double e2 = 1 - (el->b * el->b) / (el->a * el->a);
	double phi = lat * DEG, lam = lon * DEG;
	double nu = el->a / sqrt(1 - e2 * sin(phi) * sin(phi));
	xyz[0] = nu * cos(phi) * cos(lam);
	xyz[1] = nu * cos(phi) * sin(lam);
	xyz[2] = (1 - e2) * nu * sin(phi);
}

static void from_cartesian(const struct ellipsoid *el, const double xyz[3], double *lon, double *lat)
{
	double e2 = 1 - (el->b * el->b) / (el->a * el->a);
	double p = hypot(xyz[0], xyz[1]);
	double phi = atan2(xyz[2], p * (1 - e2));
	for (int i = 0; i < 10; i++) {
		double nu = el->a / sqrt(1 - e2 * sin(phi) * sin(phi));
		double next = atan2(xyz[2] + e2 * nu * sin(phi), p);
		if (fabs(next - phi) < 1e-13) { phi = next; break; }
		phi = next;
	}
	*lat = phi / DEG;
	*lon = atan2(xyz[1], xyz[0]) / DEG;
}

/* SIGN = +1 for WGS84 -> OSGB36, -1 for the reverse (small-angle Helmert is its own
 * inverse with the parameters negated, to well under a millimetre). */
static void helmert(const double in[3], double out[3], double sign)
{
	double s = sign * HS * 1e-6;
	double rx = sign * HR[0] / 3600 * DEG, ry = sign * HR[1] / 3600 * DEG, rz = sign * HR[2] / 3600 * DEG;
	out[0] = sign * HT[0] + (1 + s) * in[0] - rz * in[1] + ry * in[2];
	out[1] = sign * HT[1] + rz * in[0] + (1 + s) * in[1] - rx * in[2];
	out[2] = sign * HT[2] - ry * in[0] + rx * in[1] + (1 + s) * in[2];
}

int projection_bng_to_wgs84(double e, double n, double *lon, double *lat)
{
	if (!isfinite(e) || !isfinite(n) || e < -1e6 || e > 2e6 || n < -1e6 || n > 2.5e6) return -1;
	double olon, olat, a[3], b[3];
	projection_grid_to_osgb36(e, n, &olon, &olat);
	to_cartesian(&AIRY1830, olon, olat, a);
	helmert(a, b, -1);
	from_cartesian(&GRS80, b, lon, lat);
	return 0;
}

int projection_wgs84_to_bng(double lon, double lat, double *e, double *n)
{
	if (!isfinite(lon) || !isfinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) return -1;
	double a[3], b[3], olon, olat;
	to_cartesian(&GRS80, lon, lat, a);
	helmert(a, b, 1);
	from_cartesian(&AIRY1830, b, &olon, &olat);
	projection_osgb36_to_grid(olon, olat, e, n);
	return 0;
}

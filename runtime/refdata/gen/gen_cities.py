"""Build data/cities.csv from GeoNames cities15000 (see README, "Cities").

usage: python3 gen_cities.py CITIES15000_ZIP COUNTRIES_CSV OUT_CSV

CITIES15000_ZIP is GeoNames' cities15000.zip (the export of 2022-02-23, as committed in
https://github.com/DmitryGalyuk/timeZones at 496c216677f0). Prints the input's sha256 and the
cities and population kept per market.
"""
import collections, csv, hashlib, io, sys, zipfile

CAP_MARKET = 50  # cities kept per country with volume > 0
CAP_OTHER = 3    # cities kept per other country
# GeoNames feature codes left out: sections of a populated place (PPLX, e.g. a city's districts,
# which would count the city's people twice), historical (PPLH, PPLQ) and destroyed (PPLW) places.
SKIP_CODES = {'PPLX', 'PPLH', 'PPLQ', 'PPLW'}


def main(src, countries_csv, out):
    raw = open(src, 'rb').read()
    print('source sha256', hashlib.sha256(raw).hexdigest(), file=sys.stderr)
    volume = {}
    with open(countries_csv, newline='') as f:
        for c in csv.DictReader(f):
            volume[c['code']] = float(c['volume'])
    text = zipfile.ZipFile(io.BytesIO(raw)).read('cities15000.txt').decode('utf-8')
    by_country = collections.defaultdict(list)
    dropped = collections.Counter()
    rows = text.split('\n')
    for line in rows:
        if not line:
            continue
        f = line.split('\t')
        name, lat, lon, code, cc, pop, tz = f[1], float(f[4]), float(f[5]), f[7], f[8], int(f[14]), f[17]
        if code in SKIP_CODES:
            dropped['feature code ' + code] += 1
            continue
        if cc not in volume:
            dropped['country %s not in countries.csv' % (cc or '(none)')] += 1
            continue
        if pop <= 0 or not tz:
            dropped['no population or time zone'] += 1
            continue
        by_country[cc].append((name, cc, round(lat, 4), round(lon, 4), pop, tz))
    kept = []
    report = []
    for cc in sorted(by_country):
        cs = sorted(by_country[cc], key=lambda c: (-c[4], c[0]))
        cap = CAP_MARKET if volume[cc] > 0 else CAP_OTHER
        kept += cs[:cap]
        if volume[cc] > 0:
            report.append((cc, len(cs), min(cap, len(cs)), sum(c[4] for c in cs[:cap]),
                           len({c[5] for c in cs[:cap]})))
    with open(out, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['name', 'country', 'lat', 'lon', 'population', 'tz'])
        w.writerows(kept)
    print('source rows %d, kept %d cities in %d countries' % (len(rows), len(kept), len(by_country)),
          file=sys.stderr)
    for why, n in sorted(dropped.items()):
        print('dropped %d: %s' % (n, why), file=sys.stderr)
    print('countries with no city of 15,000+: %s' % ' '.join(sorted(set(volume) - set(by_country))),
          file=sys.stderr)
    print('| country | cities in source | kept | population kept | time zones kept |')
    print('|---|---|---|---|---|')
    for cc, n, k, pop, tzs in sorted(report, key=lambda r: -volume[r[0]]):
        print('| %s | %d | %d | %d | %d |' % (cc, n, k, pop, tzs))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])

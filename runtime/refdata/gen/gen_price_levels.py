"""Build data/price_levels.csv from the World Bank's PA.NUS.PPPC.RF series (see README, "Price levels").

usage: python3 gen_price_levels.py PPPC_CSV COUNTRIES_CSV OUT_CSV

PPPC_CSV is indicators/pa.nus.pppc.rf/data.csv of https://github.com/datasets/world-development-indicators
(commit 4ebec5a2273f; columns Country Name, Country Code (alpha-3), Year, Value). Alpha-3 codes map
to alpha-2 with Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-1.json), as gen_countries.py.
Keeps each country's latest value from MIN_YEAR on; prints what it drops.
"""
import csv, hashlib, json, sys

MIN_YEAR = 2019  # older values (VE 2011, ...) are too stale for today's prices


def main(src, countries_csv, out):
    raw = open(src, 'rb').read()
    print('source sha256', hashlib.sha256(raw).hexdigest(), file=sys.stderr)
    alpha2 = {c['alpha_3']: c['alpha_2'] for c in
              json.load(open('/usr/share/iso-codes/json/iso_3166-1.json'))['3166-1']}
    with open(countries_csv, newline='') as f:
        known = {c['code'] for c in csv.DictReader(f)}
    latest = {}
    for r in csv.DictReader(raw.decode('utf-8').splitlines()):
        if not r['Value']:
            continue
        y = int(r['Year'])
        if r['Country Code'] not in latest or y > latest[r['Country Code']][0]:
            latest[r['Country Code']] = (y, float(r['Value']))
    rows, aggregates, stale = [], [], []
    for a3, (y, v) in sorted(latest.items()):
        a2 = alpha2.get(a3)
        if a2 not in known:
            aggregates.append(a3)  # XKX (Kosovo) and any region or income group
            continue
        if y < MIN_YEAR:
            stale.append('%s %d' % (a2, y))
            continue
        rows.append((a2, y, '%.4f' % v))
    rows.sort()
    with open(out, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['country', 'year', 'price_level'])
        w.writerows(rows)
    years = {}
    for _, y, _ in rows:
        years[y] = years.get(y, 0) + 1
    print('kept %d countries (latest year: %s); dropped as stale: %s; dropped %d codes not in '
          'countries.csv (%s)' % (len(rows), years, ', '.join(stale), len(aggregates),
                                          ' '.join(aggregates)), file=sys.stderr)
    print('countries without a value: %s' % ' '.join(sorted(known - {r[0] for r in rows})), file=sys.stderr)


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])

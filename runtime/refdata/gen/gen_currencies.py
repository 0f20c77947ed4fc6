import csv, json, sys
iso = {c['alpha_3']: c for c in json.load(open('/usr/share/iso-codes/json/iso_4217.json'))['4217']}
# ISO 4217 amendments after the iso-codes 4.15 snapshot: ZWG (924) replaced ZWL in 2024,
# XCG (532) replaced ANG in 2025; HRK (2023), CUC, SLL withdrawn.
iso['ZWG'] = {'alpha_3': 'ZWG', 'numeric': '924', 'name': 'Zimbabwe Gold'}
iso['XCG'] = {'alpha_3': 'XCG', 'numeric': '532', 'name': 'Caribbean Guilder'}
drop = set('ANG ZWL HRK CUC SLL XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX'.split())
minor = {c: 0 for c in 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split()}
minor.update({c: 3 for c in 'BHD IQD JOD KWD LYD OMR TND'.split()})
minor.update({'CLF': 4, 'UYW': 4})
rate = dict(AED=3.6725, AFN=70, ALL=85, AMD=390, AOA=915, ARS=1150, AUD=1.53, AWG=1.79, AZN=1.70,
  BAM=1.70, BBD=2.0, BDT=122, BGN=1.70, BHD=0.376, BIF=2970, BMD=1.0, BND=1.29, BOB=6.91, BOV=1.0,
  BRL=5.5, BSD=1.0, BTN=85.5, BWP=13.5, BYN=3.0, BZD=2.0, CAD=1.37, CDF=2870, CHE=0.80, CHF=0.80,
  CHW=0.80, CLF=0.025, CLP=950, CNY=7.2, COP=4100, COU=10.5, CRC=505, CUP=24, CVE=95, CZK=21.5,
  DJF=178, DKK=6.45, DOP=60, DZD=132, EGP=49.5, ERN=15, ETB=135, EUR=0.865, FJD=2.25, FKP=0.74,
  GBP=0.74, GEL=2.72, GHS=10.5, GIP=0.74, GMD=72, GNF=8650, GTQ=7.68, GYD=209, HKD=7.83, HNL=26,
  HTG=131, HUF=345, IDR=16300, ILS=3.45, INR=85.5, IQD=1310, IRR=42000, ISK=124, JMD=160, JOD=0.709,
  JPY=146, KES=129, KGS=87.4, KHR=4010, KMF=425, KPW=900, KRW=1380, KWD=0.305, KYD=0.833, KZT=520,
  LAK=21600, LBP=89500, LKR=300, LRD=200, LSL=17.8, LYD=5.4, MAD=9.0, MDL=17, MGA=4450, MKD=53,
  MMK=2100, MNT=3580, MOP=8.07, MRU=39.8, MUR=45.5, MVR=15.4, MWK=1735, MXN=18.8, MXV=2.2, MYR=4.25,
  MZN=63.9, NAD=17.8, NGN=1530, NIO=36.7, NOK=10.1, NPR=137, NZD=1.67, OMR=0.385, PAB=1.0, PEN=3.58,
  PGK=4.1, PHP=56.5, PKR=283, PLN=3.68, PYG=7900, QAR=3.64, RON=4.38, RSD=101, RUB=79, RWF=1440,
  SAR=3.75, SBD=8.4, SCR=14.3, SDG=600, SEK=9.6, SGD=1.28, SHP=0.74, SLE=22.7, SOS=571, SRD=37,
  SSP=4500, STN=21.3, SVC=8.75, SYP=13000, SZL=17.8, THB=32.5, TJS=10, TMT=3.5, TND=2.95, TOP=2.36,
  TRY=40, TTD=6.78, TWD=29.5, TZS=2600, UAH=41.5, UGX=3600, USD=1.0, USN=1.0, UYI=6.35, UYU=40.2,
  UYW=23.6, UZS=12600, VED=110, VES=110, VND=26000, VUV=120, WST=2.75, XAF=567, XCD=2.70, XCG=1.79,
  XOF=567, XPF=103, YER=241, ZAR=17.8, ZMW=23.5, ZWG=26.8)
codes = sorted(set(iso) - drop)
missing = [c for c in codes if c not in rate]
assert not missing, missing
assert not set(rate) - set(codes), set(rate) - set(codes)
with open(sys.argv[1], 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['code', 'numeric', 'minor_units', 'name', 'per_usd'])
    for c in codes:
        w.writerow([c, int(iso[c]['numeric']), minor.get(c, 2), iso[c]['name'], rate[c]])
print(len(codes))

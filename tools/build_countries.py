"""Generate ``newsgraph/data/actors/countries.yaml`` (run by hand; the YAML is committed).

Official names and ISO codes come from pycountry (ISO 3166-1). Capitals,
demonyms, common short names and government-seat metonyms are general
knowledge written below, one line per state: the 193 UN member states plus
Palestine, the Holy See, Kosovo and Taiwan.

Line format: ISO3 | capital | demonym adjective(s) | plural demonym(s) | aliases | metonyms
(lists separated by ";"; an empty field is allowed). When two states share a
demonym (Congolese, Dominican) the first line wins in lookups, so the larger state comes first.
"""

from __future__ import annotations

from pathlib import Path

import pycountry
import yaml

TABLE = """
AFG|Kabul|Afghan|Afghans||
ALB|Tirana|Albanian|Albanians||
DZA|Algiers|Algerian|Algerians||
AND|Andorra la Vella|Andorran|Andorrans||
AGO|Luanda|Angolan|Angolans||
ATG|Saint John's|Antiguan|Antiguans|Antigua||
ARG|Buenos Aires|Argentine;Argentinian|Argentines;Argentinians||Casa Rosada
ARM|Yerevan|Armenian|Armenians||
AUS|Canberra|Australian|Australians||
AUT|Vienna|Austrian|Austrians||
AZE|Baku|Azerbaijani|Azerbaijanis||
BHS|Nassau|Bahamian|Bahamians|The Bahamas|
BHR|Manama|Bahraini|Bahrainis||
BGD|Dhaka|Bangladeshi|Bangladeshis||
BRB|Bridgetown|Barbadian|Barbadians||
BLR|Minsk|Belarusian|Belarusians|Byelorussia|
BEL|Brussels|Belgian|Belgians||
BLZ|Belmopan|Belizean|Belizeans||
BEN|Porto-Novo|Beninese|||
BTN|Thimphu|Bhutanese|||
BOL|Sucre|Bolivian|Bolivians||
BIH|Sarajevo|Bosnian|Bosnians|Bosnia;Bosnia-Herzegovina|
BWA|Gaborone|Botswanan|Batswana||
BRA|Brasilia|Brazilian|Brazilians||Planalto
BRN|Bandar Seri Begawan|Bruneian|Bruneians|Brunei|
BGR|Sofia|Bulgarian|Bulgarians||
BFA|Ouagadougou|Burkinabe|Burkinabes|Burkina|
BDI|Gitega|Burundian|Burundians||
CPV|Praia|Cape Verdean|Cape Verdeans|Cape Verde|
KHM|Phnom Penh|Cambodian|Cambodians||
CMR|Yaounde|Cameroonian|Cameroonians||
CAN|Ottawa|Canadian|Canadians||
CAF|Bangui|Central African|Central Africans|CAR|
TCD|N'Djamena|Chadian|Chadians||
CHL|Santiago|Chilean|Chileans||
CHN|Beijing|Chinese||PRC;People's Republic of China;Peking|
COL|Bogota|Colombian|Colombians||
COM|Moroni|Comorian|Comorians||
COD|Kinshasa|Congolese||DRC;DR Congo;Democratic Republic of Congo;Congo-Kinshasa;Congo|
COG|Brazzaville|Congolese||Congo-Brazzaville;Republic of Congo|
CRI|San Jose|Costa Rican|Costa Ricans||
CIV|Yamoussoukro|Ivorian|Ivorians|Ivory Coast;Cote d'Ivoire|
HRV|Zagreb|Croatian|Croats;Croatians||
CUB|Havana|Cuban|Cubans||
CYP|Nicosia|Cypriot|Cypriots||
CZE|Prague|Czech|Czechs|Czech Republic|
DNK|Copenhagen|Danish|Danes||
DJI|Djibouti|Djiboutian|Djiboutians||
DOM|Santo Domingo|Dominican|Dominicans||
DMA|Roseau|Dominican|Dominicans||
ECU|Quito|Ecuadorian|Ecuadorians||
EGY|Cairo|Egyptian|Egyptians||Ittihadiya
SLV|San Salvador|Salvadoran|Salvadorans||
GNQ|Malabo|Equatorial Guinean|Equatorial Guineans||
ERI|Asmara|Eritrean|Eritreans||
EST|Tallinn|Estonian|Estonians||
SWZ|Mbabane|Swazi|Swazis|Swaziland|
ETH|Addis Ababa|Ethiopian|Ethiopians||
FJI|Suva|Fijian|Fijians||
FIN|Helsinki|Finnish|Finns||
FRA|Paris|French|Frenchmen||Elysee;Elysee Palace;Quai d'Orsay
GAB|Libreville|Gabonese|||
GMB|Banjul|Gambian|Gambians|The Gambia|
GEO|Tbilisi|Georgian|Georgians||
DEU|Berlin|German|Germans||Chancellery
GHA|Accra|Ghanaian|Ghanaians||
GRC|Athens|Greek|Greeks|Hellenic Republic|
GRD|St. George's|Grenadian|Grenadians||
GTM|Guatemala City|Guatemalan|Guatemalans||
GIN|Conakry|Guinean|Guineans|Guinea-Conakry|
GNB|Bissau|Bissau-Guinean|Bissau-Guineans||
GUY|Georgetown|Guyanese|||
HTI|Port-au-Prince|Haitian|Haitians||
HND|Tegucigalpa|Honduran|Hondurans||
HUN|Budapest|Hungarian|Hungarians||
ISL|Reykjavik|Icelandic|Icelanders||
IND|New Delhi|Indian|Indians||
IDN|Jakarta|Indonesian|Indonesians||
IRN|Tehran|Iranian|Iranians|Islamic Republic of Iran;Persia|Teheran
IRQ|Baghdad|Iraqi|Iraqis||
IRL|Dublin|Irish|||
ISR|Jerusalem|Israeli|Israelis||Tel Aviv
ITA|Rome|Italian|Italians||Palazzo Chigi
JAM|Kingston|Jamaican|Jamaicans||
JPN|Tokyo|Japanese|||
JOR|Amman|Jordanian|Jordanians||
KAZ|Astana|Kazakh;Kazakhstani|Kazakhs||
KEN|Nairobi|Kenyan|Kenyans||
KIR|Tarawa|I-Kiribati|||
PRK|Pyongyang|North Korean|North Koreans|North Korea;DPRK|
KOR|Seoul|South Korean|South Koreans|South Korea;ROK|
KWT|Kuwait City|Kuwaiti|Kuwaitis||
KGZ|Bishkek|Kyrgyz|Kyrgyzstanis|Kirghizia|
LAO|Vientiane|Laotian;Lao|Laotians|Laos|
LVA|Riga|Latvian|Latvians||
LBN|Beirut|Lebanese|||Baabda
LSO|Maseru|Basotho|Basotho||
LBR|Monrovia|Liberian|Liberians||
LBY|Tripoli|Libyan|Libyans||
LIE|Vaduz|Liechtensteiner|Liechtensteiners||
LTU|Vilnius|Lithuanian|Lithuanians||
LUX|Luxembourg|Luxembourgish|Luxembourgers||
MDG|Antananarivo|Malagasy|||
MWI|Lilongwe|Malawian|Malawians||
MYS|Kuala Lumpur|Malaysian|Malaysians||
MDV|Male|Maldivian|Maldivians||
MLI|Bamako|Malian|Malians||
MLT|Valletta|Maltese|||
MHL|Majuro|Marshallese|||
MRT|Nouakchott|Mauritanian|Mauritanians||
MUS|Port Louis|Mauritian|Mauritians||
MEX|Mexico City|Mexican|Mexicans||
FSM|Palikir|Micronesian|Micronesians|Micronesia|
MDA|Chisinau|Moldovan|Moldovans||
MCO|Monaco|Monegasque|Monegasques||
MNG|Ulaanbaatar|Mongolian|Mongolians||
MNE|Podgorica|Montenegrin|Montenegrins||
MAR|Rabat|Moroccan|Moroccans||
MOZ|Maputo|Mozambican|Mozambicans||
MMR|Naypyidaw|Burmese;Myanmar|Burmese|Burma|
NAM|Windhoek|Namibian|Namibians||
NRU|Yaren|Nauruan|Nauruans||
NPL|Kathmandu|Nepali;Nepalese|Nepalis||
NLD|Amsterdam|Dutch|Dutchmen|Holland|The Hague
NZL|Wellington|New Zealand|New Zealanders||
NIC|Managua|Nicaraguan|Nicaraguans||
NER|Niamey|Nigerien|Nigeriens||
NGA|Abuja|Nigerian|Nigerians||
MKD|Skopje|North Macedonian;Macedonian|Macedonians|Macedonia|
NOR|Oslo|Norwegian|Norwegians||
OMN|Muscat|Omani|Omanis||
PAK|Islamabad|Pakistani|Pakistanis||
PLW|Ngerulmud|Palauan|Palauans||
PAN|Panama City|Panamanian|Panamanians||
PNG|Port Moresby|Papua New Guinean|Papua New Guineans|PNG|
PRY|Asuncion|Paraguayan|Paraguayans||
PER|Lima|Peruvian|Peruvians||
PHL|Manila|Philippine;Filipino|Filipinos||Malacanang
POL|Warsaw|Polish|Poles||
PRT|Lisbon|Portuguese|||
QAT|Doha|Qatari|Qataris||
ROU|Bucharest|Romanian|Romanians||
RUS|Moscow|Russian|Russians|Russian Federation;RF|Kremlin
RWA|Kigali|Rwandan|Rwandans||
KNA|Basseterre|Kittitian|Kittitians|Saint Kitts and Nevis|
LCA|Castries|Saint Lucian|Saint Lucians||
VCT|Kingstown|Vincentian|Vincentians|Saint Vincent|
WSM|Apia|Samoan|Samoans||
SMR|San Marino|Sammarinese|||
STP|Sao Tome|Sao Tomean|Sao Tomeans|Sao Tome and Principe|
SAU|Riyadh|Saudi|Saudis|KSA;Saudi|
SEN|Dakar|Senegalese|||
SRB|Belgrade|Serbian|Serbs;Serbians||
SYC|Victoria|Seychellois|||
SLE|Freetown|Sierra Leonean|Sierra Leoneans||
SGP|Singapore|Singaporean|Singaporeans||
SVK|Bratislava|Slovak|Slovaks||
SVN|Ljubljana|Slovenian;Slovene|Slovenians;Slovenes||
SLB|Honiara|Solomon Islander|Solomon Islanders||
SOM|Mogadishu|Somali|Somalis||Villa Somalia
ZAF|Pretoria|South African|South Africans||
SSD|Juba|South Sudanese|||
ESP|Madrid|Spanish|Spaniards||Moncloa
LKA|Colombo|Sri Lankan|Sri Lankans||
SDN|Khartoum|Sudanese|||
SUR|Paramaribo|Surinamese|||
SWE|Stockholm|Swedish|Swedes||
CHE|Bern|Swiss|||
SYR|Damascus|Syrian|Syrians||
TJK|Dushanbe|Tajik|Tajiks||
TZA|Dodoma|Tanzanian|Tanzanians||
THA|Bangkok|Thai|Thais||
TLS|Dili|Timorese|Timorese|East Timor|
TGO|Lome|Togolese|||
TON|Nuku'alofa|Tongan|Tongans||
TTO|Port of Spain|Trinidadian|Trinidadians|Trinidad|
TUN|Tunis|Tunisian|Tunisians||Carthage Palace
TUR|Ankara|Turkish|Turks|Turkiye;Türkiye|
TKM|Ashgabat|Turkmen|Turkmens||
TUV|Funafuti|Tuvaluan|Tuvaluans||
UGA|Kampala|Ugandan|Ugandans||
UKR|Kyiv|Ukrainian|Ukrainians|the Ukraine|Kiev
ARE|Abu Dhabi|Emirati|Emiratis|UAE;U.A.E.;the Emirates;Emirates;United Arab Emirates|
GBR|London|British|Britons;British|UK;U.K.;Britain;Great Britain;England|Downing Street;Whitehall
USA|Washington|American;U.S.|Americans|US;U.S.;USA;U.S.A.;United States;United States of America;America|White House;Washington DC;Washington D.C.
URY|Montevideo|Uruguayan|Uruguayans||
UZB|Tashkent|Uzbek|Uzbeks||
VUT|Port Vila|Ni-Vanuatu|||
VEN|Caracas|Venezuelan|Venezuelans||Miraflores
VNM|Hanoi|Vietnamese|||
YEM|Sanaa|Yemeni|Yemenis||
ZMB|Lusaka|Zambian|Zambians||
ZWE|Harare|Zimbabwean|Zimbabweans||
PSE|Ramallah|Palestinian|Palestinians|Palestinian territories;State of Palestine|
VAT|Vatican City|Vatican||Vatican;Vatican City|
XKX|Pristina|Kosovar|Kosovars|Kosovo|
TWN|Taipei|Taiwanese||Taiwan;Republic of China|
"""

# Capitals that do not stand for one state's government in conflict news: the
# seat itself is contested between rival governments, so "Tripoli" or "Sanaa"
# as an actor means a faction (dictionary aliases can say which), not the state.
CONTESTED_CAPITALS = {"LBY", "YEM"}
NON_MEMBERS = {"PSE", "VAT", "XKX", "TWN"}
# Short names where pycountry's common name is not the one the news uses.
SHORT_NAMES = {
    "BOL": "Bolivia", "VEN": "Venezuela", "IRN": "Iran", "RUS": "Russia", "SYR": "Syria",
    "TZA": "Tanzania", "KOR": "South Korea", "PRK": "North Korea", "LAO": "Laos",
    "MDA": "Moldova", "FSM": "Micronesia", "VNM": "Vietnam", "PSE": "Palestine",
    "VAT": "Holy See", "TWN": "Taiwan", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "CZE": "Czechia", "TUR": "Turkey", "BRN": "Brunei",
    "CPV": "Cape Verde", "SWZ": "Eswatini", "CIV": "Ivory Coast", "GBR": "United Kingdom",
    "USA": "United States", "MKD": "North Macedonia", "NLD": "Netherlands",
}


def split(field: str) -> list[str]:
    return [x.strip() for x in field.split(";") if x.strip()]


def build() -> dict:
    entries = []
    for line in TABLE.strip().splitlines():
        iso3, capital, adj, plural, aliases, metonyms = (line.split("|") + [""] * 6)[:6]
        rec = pycountry.countries.get(alpha_3=iso3)
        if iso3 == "XKX":
            name, iso2, official = "Kosovo", "XK", "Republic of Kosovo"
        else:
            assert rec is not None, iso3
            name = SHORT_NAMES.get(iso3) or getattr(rec, "common_name", None) or rec.name
            iso2, official = rec.alpha_2, getattr(rec, "official_name", rec.name)
        names = [official, getattr(rec, "name", name) if rec else name, *split(aliases)]
        alias_list = [a for a in dict.fromkeys(names) if a and a != name]
        entry = {
            "id": f"country:{iso3}", "name": name, "kind": "country", "country": iso3,
            "sector": "GOV", "iso2": iso2, "iso3": iso3, "un_member": iso3 not in NON_MEMBERS,
            "aliases": alias_list,
            "demonyms": split(adj) + split(plural),
            "capital": capital or None,
            "capital_is_metonym": iso3 not in CONTESTED_CAPITALS,
            "metonyms": split(metonyms),
        }
        entries.append({k: v for k, v in entry.items() if v not in (None, [])})
    return {
        "provenance": (
            "ISO 3166-1 names and codes from pycountry (tools/build_countries.py); capitals, "
            "demonyms, short names and government-seat metonyms from general public knowledge. "
            "193 UN member states plus Palestine, Holy See, Kosovo and Taiwan."
        ),
        "entries": entries,
    }


def main() -> None:
    data = build()
    members = sum(1 for e in data["entries"] if e["un_member"])
    assert members == 193, members
    out = Path(__file__).resolve().parents[1] / "newsgraph" / "data" / "actors" / "countries.yaml"
    out.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    print(f"wrote {out} ({len(data['entries'])} entries, {members} UN members)")


if __name__ == "__main__":
    main()

"""Counted nouns per language with their canonical English plural, and the nouns that are
not counts (time, measurements, repetitions), so "3 years" or "150 km" never become claims.

Entries are "canonical: form|form|...". Forms are matched case-insensitively as whole
words; multi-word forms ("posti di lavoro") are allowed.
"""

from __future__ import annotations

import re

from factwatch.ingest.lang import find

# One table for every language: forms rarely collide across languages, and an article in
# one language often borrows another's words. The zh entries are matched without spaces.
_COUNT_NOUNS = """
employees: employees|employee|staff|staffers|staff members|personnel|workforce|
  salariés|salariées|employés|employées|collaborateurs|collaboratrices|agents|personnels|
  Mitarbeitende|Mitarbeitenden|Mitarbeiter|Mitarbeiterinnen|Beschäftigte|Beschäftigten|
  Angestellte|Angestellten|Arbeitnehmer|Arbeitnehmende|Vollzeitstellen|
  empleados|empleadas|asalariados|plantilla|dipendenti|addetti|impiegati|collaboratori|
  funcionários|empregados|colaboradores|员工|职工|雇员|工作人员|从业人员|在职员工|当地员工
  werknemers|medewerkers|medewerksters|werkneemsters|personeelsleden|fte|fte's
researchers: researchers|scientists|engineers|technicians|chercheurs et techniciens|
  chercheurs|techniciens|ingénieurs|Forscher|Forschende|Ingenieure|Techniker|
  investigadores|ingenieros|técnicos|ricercatori|tecnici|ingegneri|pesquisadores|
  engenheiros|研发人员|技术人员|工程师|科研人员
  onderzoekers|wetenschappers|ingenieurs|technici
workers: workers|labourers|laborers|construction workers|factory workers|
  ouvriers|travailleurs|intérimaires|Arbeiter|Arbeitskräfte|Bauarbeiter|Leiharbeiter|
  Fachkräfte|trabajadores|obreros|operarios|jornaleros|temporeros|lavoratori|operai|
  trabalhadores|operários|工人|农民工|劳动力
  arbeiders|bouwvakkers|arbeidskrachten|uitzendkrachten|vakkrachten
jobs: jobs|positions|posts|roles|vacancies|permanent jobs|new jobs|job cuts|hires|new hires|
  emplois|postes|postes de travail|emplois directs|emplois permanents|suppressions de postes|
  suppressions d'emplois|suppressions d’emplois|
  embauches|recrutements|Arbeitsplätze|Arbeitsplätzen|Stellen|Jobs|Arbeitsstellen|
  Ausbildungsplätze|empleos|puestos de trabajo|puestos|empleos directos|despidos|
  contrataciones|posti di lavoro|posti|occupati|assunzioni|esuberi|nuovi posti|
  empregos|postos de trabalho|vagas|postos|empregos diretos|demissões|
  就业岗位|工作岗位|岗位|就业机会|个就业岗位
  banen|arbeidsplaatsen|arbeidsplekken|werkplekken|vacatures|voltijdbanen|nieuwe banen
stores: stores|shops|outlets|boutiques|supermarkets|branches|UK stores|
  magasins|points de vente|enseignes|supermarchés|hypermarchés|agences|succursales|
  Filialen|Geschäfte|Läden|Märkte|Supermärkte|Niederlassungen|Verkaufsstellen|Warenhäuser|
  tiendas|establecimientos|locales|sucursales|supermercados|comercios|puntos de venta|
  negozi|punti vendita|filiali|supermercati|sportelli|lojas|filiais|agências|
  pontos de venda|门店|店铺|家门店|分店|网点|商店|超市
  winkels|filialen|vestigingen|supermarkten|verkooppunten|warenhuizen
restaurants: restaurants|Restaurants|restaurantes|ristoranti|餐厅|餐馆
people: people|persons|individuals|personnes|individus|gens|Menschen|Personen|Leute|
  personas|individuos|persone|individui|pessoas|indivíduos|人|人次
  mensen|personen
users: users|daily users|active users|monthly users|daily active users|subscribers|
  utilisateurs|abonnés|internautes|Nutzer|Nutzerinnen|Nutzende|Abonnenten|usuarios|
  suscriptores|abonados|utenti|abbonati|iscritti|usuários|utilizadores|assinantes|
  用户|日活跃用户|活跃用户|月活跃用户|注册用户|日活用户|用户数
  gebruikers|abonnees
customers: customers|clients|shoppers|consumers|clientes|consommateurs|Kunden|
  Kundinnen|Verbraucher|consumidores|clienti|consumatori|客户|顾客|消费者
  klanten|consumenten
accounts: accounts|comptes|Konten|cuentas|account|contas|账户|账号
  rekeningen
downloads: downloads|téléchargements|Downloads|descargas|download|下载量|次下载
parameters: parameters|paramètres|Parameter|Parametern|parámetros|parametri|parâmetros|
  参数|参数量|总参数|总参数量|激活参数
tokens: tokens|jetons|Token|token
companies: companies|firms|businesses|enterprises|startups|start-ups|
  entreprises|sociétés|start-up|PME|firmes|Unternehmen|Firmen|Betriebe|Start-ups|Konzerne|
  empresas|compañías|sociedades|pymes|aziende|imprese|società|startup|companhias|
  家企业|企业|公司|家公司|厂商|机构
  bedrijven|ondernemingen|firma's|mkb-bedrijven
suppliers: suppliers|fournisseurs|Zulieferer|Lieferanten|proveedores|fornitori|
  fornecedores|供应商
  leveranciers|toeleveranciers
banks: banks|banques|Banken|bancos|banche|银行|家银行
  banken
countries: countries|nations|pays|nations|Länder|Ländern|Staaten|Nationen|países|
  naciones|paesi|nazioni|nações|国家和地区|国家
  landen
states: states|États|Bundesländer|Kantone|estados|stati|Stati membri|États membres
  staten|lidstaten|deelstaten
cities: cities|towns|municipalities|villes|communes|Städte|Gemeinden|ciudades|
  municipios|città|comuni|cidades|municípios|城市|座城市
  steden|gemeenten|dorpen
residents: residents|inhabitants|habitants|résidents|Einwohner|Einwohnerinnen|Bewohner|
  habitantes|residentes|vecinos|abitanti|residenti|moradores|居民|常住人口
  inwoners|bewoners|omwonenden
households: households|families|ménages|foyers|familles|Haushalte|Familien|hogares|
  familias|famiglie|famílias|domicílios|家庭|户|住户
  huishoudens|gezinnen|families
homes: homes|houses|dwellings|apartments|flats|housing units|properties|logements|
  maisons|appartements|Wohnungen|Häuser|viviendas|pisos|casas|abitazioni|case|
  appartamenti|moradias|imóveis|住房|套住房|住宅|套
  woningen|huizen|appartementen|huurwoningen|koopwoningen
visitors: visitors|tourists|visiteurs|touristes|Besucher|Besucherinnen|Touristen|Gäste|
  visitantes|turistas|visitatori|turisti|presenze|ospiti|游客|访客|人次游客
  bezoekers|toeristen|gasten
spectators: spectators|fans|attendees|spectateurs|festivaliers|Zuschauer|Fans|
  espectadores|asistentes|spettatori|tifosi|观众|球迷
  toeschouwers|supporters
participants: participants|Teilnehmer|Teilnehmende|participantes|partecipanti|参与者
  deelnemers
projects: projects|programmes|programs|projets|Projekte|Projekten|proyectos|progetti|
  projetos|项目|个项目
  projecten
contracts: contracts|orders|deals|contrats|commandes|Verträge|Aufträge|Bestellungen|
  contratos|pedidos|contratti|ordini|commesse|encomendas|合同|订单|份订单
  contracten|bestellingen
stops: stops|arrêts|Haltestellen|paradas|fermate|paragens|站点|座车站|车站
  haltes|bushaltes
stations: stations|gares|Stationen|Bahnhöfe|estaciones|stazioni|estações|站
trams: trams|low-floor trams|tramcars|tramways|rames|Straßenbahnen|Trams|tranvías|tram|
  tranvie|elétricos|bondes|有轨电车|电车|列有轨电车
trains: trains|Züge|trenes|treni|comboios|trens|列车|列
  treinen
vehicles: vehicles|cars|véhicules|voitures|Fahrzeuge|Autos|vehículos|coches|veicoli|
  auto|automobili|veículos|carros|车辆|辆|辆车|汽车
  voertuigen|auto's|wagens|personenauto's|vrachtwagens
buses: buses|bus|Busse|autobuses|autobus|ônibus|autocarros|公交车
  bussen
aircraft: aircraft|planes|jets|airplanes|avions|Flugzeuge|aviones|aerei|aviões|飞机|架飞机
  vliegtuigen
ships: ships|vessels|boats|navires|bateaux|Schiffe|barcos|buques|navi|navios|船|艘船
  schepen|boten
students: students|pupils|élèves|étudiants|Schüler|Schülerinnen|Studierende|Studenten|
  alumnos|estudiantes|studenti|alunni|alunos|estudantes|学生|名学生
  studenten|leerlingen|scholieren
schools: schools|écoles|Schulen|colegios|escuelas|scuole|escolas|学校|所学校
  scholen|basisscholen
universities: universities|universités|Universitäten|Hochschulen|universidades|università|
  大学|所大学
  universiteiten|hogescholen
teachers: teachers|enseignants|professeurs|Lehrer|Lehrkräfte|profesores|insegnanti|
  docenti|professores|教师|老师
  leraren|docenten|leerkrachten
patients: patients|Patienten|pacientes|pazienti|患者|病人
  patiënten|patienten
beds: beds|lits|Betten|camas|posti letto|letti|leitos|病床|张病床|床位
  bedden|ziekenhuisbedden
hospitals: hospitals|clinics|hôpitaux|cliniques|Krankenhäuser|Kliniken|hospitales|
  clínicas|ospedali|cliniche|hospitais|医院|家医院
  ziekenhuizen|klinieken
doctors: doctors|physicians|nurses|médecins|infirmiers|infirmières|Ärzte|Pflegekräfte|
  médicos|enfermeros|medici|infermieri|enfermeiros|医生|医护人员|护士
  artsen|huisartsen|verpleegkundigen|dokters
cases: cases|infections|cas|Fälle|Neuinfektionen|casos|casi|病例|例
  gevallen|besmettingen
tests: tests|Tests|pruebas|tamponi|testes|检测
  testen
deaths: deaths|fatalities|dead|killed|morts|décès|tués|Tote|Toten|Todesopfer|muertos|
  fallecidos|morti|vittime|deceduti|mortos|mortes|óbitos|死亡|人死亡|人遇难|遇难者
  doden|sterfgevallen|dodelijke slachtoffers|verkeersdoden
victims: victims|casualties|victimes|Opfer|víctimas|vítimas|伤亡
  slachtoffers
injured: injured|wounded|blessés|Verletzte|Verletzten|heridos|feriti|feridos|人受伤|伤者
  gewonden|zwaargewonden
members: members|membres|adhérents|Mitglieder|miembros|socios|afiliados|membri|soci|
  membros|sócios|会员|成员|名成员
  leden
shareholders: shareholders|actionnaires|Aktionäre|accionistas|azionisti|acionistas|股东
  aandeelhouders
seats: seats|sièges|Sitze|Mandate|escaños|seggi|assentos|cadeiras|席|个席位|席位
  zetels
votes: votes|voix|Stimmen|votos|voti|票|张选票
  stemmen
voters: voters|électeurs|Wähler|votantes|electores|elettori|eleitores|选民
  kiezers
lawmakers: lawmakers|deputies|MPs|députés|Abgeordnete|diputados|deputati|deputados|议员
  Kamerleden|parlementsleden|parlementariërs
soldiers: soldiers|troops|soldats|militaires|Soldaten|soldados|militares|soldati|
  militari|士兵|名士兵
  militairen|troepen
police officers: police officers|officers|policiers|gendarmes|Polizisten|Einsatzkräfte|
  policías|agentes|poliziotti|carabinieri|policiais|警察|名警察|民警
  agenten|politieagenten|politiemensen
refugees: refugees|asylum seekers|réfugiés|Flüchtlinge|Geflüchtete|refugiados|profughi|
  rifugiati|难民|名难民
  vluchtelingen|asielzoekers
migrants: migrants|migrantes|Migranten|migranti|移民
children: children|kids|enfants|Kinder|niños|bambini|crianças|儿童|名儿童|孩子
  kinderen
women: women|femmes|Frauen|mujeres|donne|mulheres|女性|妇女
  vrouwen
men: men|hommes|Männer|hombres|uomini|homens|男性
  mannen
runners: runners|coureurs|Läufer|Läuferinnen|corredores|corridori|跑者|名跑者
  lopers|hardlopers
athletes: athletes|players|athlètes|joueurs|Athleten|Spieler|atletas|jugadores|atleti|
  giocatori|jogadores|运动员|选手|名选手|参赛者
  atleten|spelers|sporters
volunteers: volunteers|bénévoles|Freiwillige|Helfer|voluntarios|volontari|voluntários|
  志愿者|名志愿者
  vrijwilligers
applicants: applicants|candidates|candidats|Bewerber|candidatos|candidati|报名人数|报名者
  sollicitanten|kandidaten
investors: investors|investisseurs|Investoren|Anleger|inversores|inversionistas|investitori|
  investidores|投资者|家投资机构
  investeerders|beleggers
bidders: bidders|buyers|sellers|acheteurs|repreneurs|Bieter|Käufer|compradores|
  acquirenti|offerenti|买家|竞买人
  kopers|bieders
chips: chips|GPUs|processors|accelerators|puces|processeurs|cartes graphiques|
  Prozessoren|Grafikkarten|procesadores|chip|processori|processadores|加速卡|芯片|GPU|显卡
servers: servers|serveurs|Server|servidores|server|服务器|台服务器
data centers: data centers|data centres|centres de données|Rechenzentren|
  centros de datos|data center|centros de dados|数据中心
  datacenters|datacentra
plants: plants|factories|usines|Werke|Fabriken|fábricas|plantas|stabilimenti|fabbriche|
  usinas|工厂|家工厂|厂
  fabrieken
sites: sites|facilities|sites de production|Standorte|Anlagen|Produktionsstätten|
  instalaciones|centros|siti|impianti|siti produttivi|instalações|unidades|生产基地|基地
  locaties|productielocaties
production lines: production lines|lignes de production|Produktionslinien|
  líneas de producción|linee di produzione|linhas de produção|生产线|条生产线
  productielijnen
mills: mills|almazaras|frantoi|lagares|Ölmühlen|moulins
mines: mines|Minen|Bergwerke|minas|miniere|矿山
warehouses: warehouses|entrepôts|Lager|almacenes|magazzini|armazéns|仓库
  magazijnen|distributiecentra
shares: shares|actions|titres|Aktien|acciones|títulos|azioni|titoli|ações|股|万股|亿股
  aandelen
units: units|unités|Einheiten|Stück|unidades|unità|pezzi|台|部|件|套
  eenheden|stuks
products: products|items|produits|articles|Produkte|Artikel|productos|artículos|prodotti|
  articoli|produtos|itens|产品|款产品|件商品|商品
  producten|artikelen
devices: devices|smartphones|phones|appareils|Geräte|Smartphones|dispositivos|
  dispositivi|aparelhos|设备|台设备|部手机|手机
  apparaten|telefoons
models: models|modèles|Modelle|modelos|modelli|款车型|车型|款
  modellen
copies: copies|exemplaires|Exemplare|ejemplares|copias|esemplari|copie|cópias|册|本
  exemplaren
points: points|Punkte|puntos|punti|pontos
  punten
goals: goals|buts|Tore|goles|gol|gols|golos|进球|个进球
  doelpunten
medals: medals|médailles|Medaillen|medallas|medaglie|medalhas|枚奖牌|奖牌|枚金牌|金牌
  medailles
games: games|matches|matchs|Spiele|partidos|partite|jogos|场比赛|比赛
  wedstrijden|duels
wins: wins|victories|victoires|Siege|victorias|vittorie|vitórias|场胜利
  overwinningen|zeges
titles: titles|Titel|títulos|titoli|冠军
  titels
parking spaces: parking spaces|parking spots|places de parking|places de stationnement|
  Parkplätze|Stellplätze|plazas de aparcamiento|plazas de garaje|posti auto|
  vagas de estacionamento|停车位|个停车位
  parkeerplaatsen
lines: lines|routes|lignes|Linien|líneas|linee|linhas|线路|条线路|条
  lijnen
flights: flights|vols|Flüge|vuelos|voli|voos|航班|个航班|架次|个架次
  vluchten
cranes: cranes|ship-to-shore cranes|grues|Kräne|Krane|grúas|gru|guindastes|gruas|岸桥|台岸桥
  kranen|hijskranen
pilots: pilots|pilotes|Piloten|Pilotinnen|pilotos|piloti|飞行员|名飞行员
  piloten
port calls: port calls|ship calls|escales|Schiffsanläufe|Anläufe|escalas|approdi|
  scali|艘次
events: events|événements|manifestations|Veranstaltungen|eventos|eventi|活动|场活动|场演出
  evenementen
passengers: passengers|travellers|travelers|passagers|voyageurs|Passagiere|Fahrgäste|
  pasajeros|viajeros|passeggeri|viaggiatori|passageiros|乘客|旅客|人次乘客
  passagiers|reizigers
trips: trips|journeys|trajets|voyages|Fahrten|Reisen|viajes|trayectos|viaggi|corse|
  viagens|次出行
  ritten
farms: farms|exploitations|fermes|Höfe|Betriebe|explotaciones|granjas|aziende agricole|
  fazendas|农场
  boerderijen
farmers: farmers|agriculteurs|Landwirte|Bauern|agricultores|agricoltori|农民
  boeren|landbouwers|telers
animals: animals|cattle|pigs|cows|animaux|Tiere|animales|animali|animais|头牛|头猪|头
  dieren|koeien|varkens
trees: trees|arbres|Bäume|árboles|alberi|árvores|棵树|棵
  bomen
hectares of olive groves: hectáreas de olivar|olivares
categories: categories|catégories|Kategorien|categorías|categorie|categorias|类
  categorieën
bedrooms: bedrooms|bathrooms|rooms|chambres|Zimmer|habitaciones|camere|quartos|房间
  kamers|slaapkamers
files: files|customer files|client files|case files|dossiers|dossiers clients|
  Akten|Kundenakten|Dossiers|expedientes|archivos|fascicoli|pratiche|processos|
  arquivos|份档案|份文件|份卷宗|档案|卷宗
batches: batches|Chargen|Produktionschargen|lotes|lotti|
  个批次|批次
  partijen|productiepartijen
packs: packs|packages|boxes|blister packs|boîtes|paquets|Packungen|Schachteln|envases|
  cajas|confezioni|scatole|embalagens|caixas|万盒|盒|箱
  verpakkingen|doosjes|pakjes|pakken
bottles: bottles|bouteilles|Flaschen|botellas|bottiglie|garrafas|瓶
  flessen
countries and regions: 国家和地区
supply stations: 补给站|个补给站
"""


def _parse(block: str) -> dict[str, str]:
    """{form (case-folded): canonical} from "canonical: a|b|c" lines (continuations allowed)."""
    table: dict[str, str] = {}
    canonical = ""
    for raw in block.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if ":" in line:
            canonical, forms = (part.strip() for part in line.split(":", 1))
        else:
            forms = line
        for form in forms.split("|"):
            form = form.strip()
            if form:
                table.setdefault(form.casefold(), canonical)
    return table


COUNT_NOUNS: dict[str, str] = _parse(_COUNT_NOUNS)

def count_noun(phrase: str, lang: str) -> str | None:
    """The canonical noun of a counted-noun form as `lang` reads it, or None."""
    low = phrase.casefold()
    data = find(lang)
    if data is not None and low in data.false_friends:  # Dutch "lager" is "lower"
        return None
    return COUNT_NOUNS.get(low)

def german_compound(word: str, lang: str = "de") -> str | None:
    """The canonical noun of a German (or Dutch) plural the table lacks as written: the
    German dative ("Mitarbeitern", "Ingenieuren") or a compound on a known head
    ("Hochgeschwindigkeitszüge", "Elektroautos", "Neukunden", "zorgmedewerkers")."""
    low = word.casefold()
    forms = [low, low[:-1]] if low.endswith("n") and lang == "de" else [low]
    for form in forms:
        found = count_noun(form, lang)
        if found:
            return found
    data = find(lang)
    # Heads that name something else: "Baustellen" are building sites, "eilanden" islands.
    not_heads = data.not_compound_heads if data else frozenset()
    for cut in range(3, len(low) - 3):
        for form in forms:
            head = form[cut:]
            if len(head) >= 4 and head not in not_heads:
                found = count_noun(head, lang)
                if found:
                    return found
    return None


# Generic nouns whose canonical form depends on the sentence: "4,500 people" said of a
# plant's workforce are its employees.
PEOPLE_WORDS: frozenset[str] = frozenset({"people", "persons", "personnes", "menschen",
                                          "personen", "personas", "persone", "pessoas", "mensen",
                                          "人"})
EMPLOYMENT_CUES = re.compile(
    r"employ|staff|workforce|hire|hiring|job|emplo|salari|effectif|embauch|beschäftig|"
    r"Mitarbeit|Arbeitspl|Stellen|einstell|plantilla|emple|contrat|trabaj|lavor|dipenden|"
    r"occupa|assun|funcion|empreg|trabalh|werknem|medewerk|personeel|\bba(?:an|nen)\b|arbeidspla|"
    r"in dienst|werkgelegenheid|vacature|ontsla|员工|就业|岗位|雇|招聘",
    re.IGNORECASE,
)

# Chinese measure words that may stand between a number and its noun ("6个生产基地").
ZH_MEASURE_WORDS = "个名家座块列辆台架艘款项条所位只张件套户间支种批部栋处期颗枚人场盒瓶箱"
ZH_MEASURE_DEFAULT: dict[str, str] = {
    "名": "people", "位": "people", "人": "people", "家": "companies", "座": "sites",
    "所": "institutions", "辆": "vehicles", "台": "units", "架": "aircraft", "艘": "ships",
    "款": "models", "项": "items", "条": "lines", "列": "trains", "块": "units",
    "户": "households", "栋": "buildings", "颗": "units", "枚": "units", "部": "units",
    "场": "events",
}

# Nouns after a number that make it a duration, a repetition, a measurement, an age or a
# time of day: never a count claim. Matched against the lower-cased noun (prefix match for
# compounds such as "Gigawattstunden", "kilomètres").
_NOT_COUNTED = r"""
    years? yrs? months? weeks? days? hours? hrs? minutes? mins? seconds? secs? decades?
    centur(?:y|ies) quarters? semesters? nights? mornings? weekends? times? fold
    ans? années? mois semaines? jours? heures? minutes? secondes? décennies? siècles?
    trimestres? semestres? nuits? fois
    jahre?n? jahrzehnte?n? monate?n? wochen? tage?n? stunden? minuten? sekunden? mal
    jahrhunderte?n? quartale?n? nächte?n?
    años? meses? semanas? días? horas? minutos? segundos? décadas? siglos? trimestres?
    veces noches?
    anni|anno mesi|mese settimane? giorni|giorno ore|ora minuti|minuto secondi|secondo
    decenni|decennio secoli|secolo trimestri|trimestre volte notti|notte
    anos? meses? semanas? dias? horas? minutos? segundos? décadas? séculos? vezes noites?
    km kms km2 km² m2 m² m3 cm mm nm kg kgs g mg t lb lbs oz mph kmh km/h kph ft in yd mi
    ha mw gw kw kwh mwh gwh twh w wh v mah ghz mhz hz gb mb tb kb pb gbps mbps db dpi p
    pixels? bits? bytes? gigabytes? megabytes? terabytes? petaflops? flops teraflops?
    metres? meters? kilomet\w* kilomèt\w* centim\w* millim\w* mètres? metros? metri metro
    miles? millas? miglia yards? feet foot inch(?:es)? pouces? zoll
    acres? hectares? hektar\w* ettari ettaro hectáreas? hectares?
    tonnes? tons? tonnen? toneladas? tonnellate? barrels? barils? barriles? barili
    litres? liters? liter litros? litri gallons?
    degrees? degrés? grad grados? gradi celsius fahrenheit kelvin
    kilos? quilos? chili kg\. \w*watt\w*
    (?:kil[oóô]|quil[oóô]|chil[oó]|zenti|cent[ií]|centi|mil[ií]|milli|quadrat|kubik|square|cubic)?-?m[eéè]t(?:er|re|ro|ri)s?n?
    (?:kilo|centi|milli)?mètres? (?:kilo|milli|mikro|micro)?gram(?:m|me|mes|s|mi|os|mm?en)?
    gigawattheures? gigavatios? \w*vatios? \w*joules? calories? kalorien
    volts? amps? amperes? ohms? farads? decibels? \w*pascals? \w*tonnes? gigatons? megatons?
    pounds? carats? knots? lumens? newtons? psi rpm bpm hp cc
    percent per pourcent prozent porcentaje percento
    o'clock am pm a\.m\. p\.m\. h uhr m
    old aged prozentpunkte percentage
    jaar jaren maand(?:en)? weken dag dagen uur uren minuut seconden? decennia decennium
    eeuw(?:en)? kwarta(?:al|len) nacht(?:en)? keer maal jarige? oud
    graden ponden? vaten mijl(?:en)? procent(?:punt\w*)?
"""
NOT_COUNTED = re.compile("|".join(_NOT_COUNTED.split()), re.IGNORECASE)

ZH_NOT_COUNTED = re.compile(
    r"(?:年|个月|月|周|天|日|小时|分钟|秒|岁|倍|次|公里|千米|米|厘米|毫米|吨|公斤|千克|克|"
    r"平方米|平方公里|亩|公顷|瓦|千瓦|兆瓦|吉瓦|度|升|元|美元|欧元|%|％|号|层|届|期|名次|"
    r"个百分点|百分点|成|折|代|季度|个季度|世纪|点|"
    # "时速350公里" is a speed, "分公司"/"分店" branches: not an hour or a minute
    r"时(?!速|代)|分(?!公司|店|行|支|校|部))"
)

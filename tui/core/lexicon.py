"""Small word lists the name finder uses as evidence.  Hand-written, kept short."""

from __future__ import annotations


def _set(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split("|") if w.strip()) if "|" in text else frozenset(text.split())


# Titles and roles written before a name: "President Xi Jinping", "Dr. WANG Xinlei".
TITLES = _set(
    """president vice-president premier vice-premier minister secretary mayor governor
    chairman chairwoman chair director dr mr mrs ms miss prof professor sir dame lord lady
    king queen prince princess pope general gen senator sen rep gov judge justice chancellor
    chief executive ceo founder leader captain capt coach manager editor ambassador
    councillor commissioner lieutenant col colonel sergeant sgt inspector officer deputy
    spokesman spokeswoman spokesperson rev reverend father fr sister brother cardinal
    archbishop bishop rabbi imam sheikh coroner sheriff magistrate marshal admiral
    commander corporal emperor empress duke duchess countess baron
    vice premier-elect president-elect mp champion"""
)

# Roles after a name: "Zhou Minhao, director of Putuo District".
ROLES_AFTER = _set(
    """director president founder secretary professor chairman chairwoman minister
    spokesman spokeswoman leader chief head mayor ceo dean partner manager editor
    governor chief-executive executive vice analyst economist author writer
    singer actor actress player coach captain striker midfielder defender boss
    spokesperson correspondent reporter member mp senator"""
)

# Words that open an organisation name and may take "of": "Ministry of Science".
ORG_HEADS = _set(
    """university institute ministry bureau department committee council commission
    academy school college bank chamber federation association society office center
    centre museum board agency authority court league union foundation fund
    administration corporation congress parliament assembly house church order
    minister secretary republic kingdom state federal army navy hall"""
)
# Words that close an organisation name: "Huawei Technologies", "Ping An Group".
ORG_SUFFIXES = _set(
    """technology technologies group co ltd inc corp corporation holdings limited company
    plc llc gmbh ag sa university institute ministry bureau department committee council
    commission academy school college bank chamber federation association society
    agency authority court league union foundation fund government party congress
    parliament assembly news daily post times herald journal press agency network
    telecom airlines airways motors systems labs laboratory laboratories studios
    records recordings pictures entertainment financial securities capital partners ventures
    customs exchange airport airports base club fc united rovers city-council police army navy
    force forces commerce media electronics industries industry enterprises
    power electric energy oil gas petroleum steel motor mining resources chemical
    chemicals pharmaceuticals pharmaceutical insurance assurance trust railway railways
    railroad bancorp bancshares bros brothers bank bankers investments airline international
    communications telecommunications broadcasting radio television tv magazine
    review gazette tribune chronicle observer courier sentinel telegraph telegram
    statesman examiner inquirer enquirer dispatch bulletin institution orchestra band
    choir ensemble team fc afc cf sc ac corps regiment brigade battalion squadron
    fleet division publishing publications publishers store stores shop restaurant
    hotel pub club confederation scouts guides alliance coalition front movement
    society trust institution commission conservatory seminary hospital library
    theatre theater organisation organization diocese cinema museum center centre
    conference lines works office command gallery clinic board administration services
    directorate secretariat tribunal consortium partnership cooperative observatory guard
    spa nv bv oyj bhd tbk pty srl sarl"""
)
# Suffixes dropped when grouping variants: "DeepBlue Technology" is "DeepBlue".
ORG_STRIP = _set("technology technologies group co ltd inc corp corporation holdings limited company plc llc")
PLACE_STRIP = _set("district province")

PLACE_SUFFIXES = _set(
    """district province county river delta lake bay valley island islands mountain
    mountains street road avenue port area region prefecture town village sea ocean
    strait peninsula state states city square station coast temple palace
    castle cathedral tower bridge stadium arena harbour harbor canal creek falls pond
    reservoir heights hills hill forest desert gulf cape county township borough field
    fields parish brook pavilion gym gymnasium playfield courthouse plateau hollow
    coulee empire estate mount ridge glacier marsh swamp beach cove springs junction
    highway motorway boulevard ave blvd plaza mall terrace gardens zoo cemetery prison dam
    canyon gorge rapids fjord moor heath archipelago oasis volcano ward quarter
    park dock docks wharf quay pier oval rink"""
)
# Words that open a place's name: "Mount Vernon", "River Mersey", "Lake Geneva".
PLACE_HEADS = _set(
    """mount mt lake river fort port cape isle gulf bay sea strait point glen loch"""
)

# Words that join parts of an organisation name only after an ORG_HEAD or a field word.
FIELD_WORDS = _set(
    """science sciences technology arts agriculture commerce industry trade research
    development innovation information health security economic economy culture
    education finance affairs planning environment energy tourism transport
    communications defence defense justice welfare labour labor media sport sports"""
)

PLACES = _set(
    """afghanistan|africa|albania|algeria|america|argentina|armenia|asia|australia|austria|
    azerbaijan|bahrain|bangladesh|belarus|belgium|bolivia|bosnia|brazil|britain|bulgaria|
    cambodia|cameroon|canada|chile|china|colombia|congo|croatia|cuba|cyprus|czech republic|
    denmark|egypt|england|estonia|ethiopia|europe|finland|france|georgia|germany|ghana|greece|
    hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|jamaica|japan|jordan|
    kazakhstan|kenya|korea|north korea|south korea|kosovo|kuwait|laos|latvia|lebanon|libya|
    lithuania|luxembourg|macau|macao|malaysia|mexico|moldova|mongolia|morocco|myanmar|nepal|
    netherlands|holland|new zealand|nigeria|norway|oman|pakistan|palestine|panama|peru|
    philippines|poland|portugal|qatar|romania|russia|rwanda|saudi arabia|scotland|serbia|
    singapore|slovakia|slovenia|somalia|south africa|spain|sri lanka|sudan|sweden|
    switzerland|syria|taiwan|tanzania|thailand|tunisia|turkey|uganda|ukraine|
    united arab emirates|uae|united kingdom|uk|united states|us|usa|u.s.|uruguay|
    uzbekistan|venezuela|vietnam|wales|yemen|zambia|zimbabwe|
    london|paris|berlin|madrid|rome|moscow|washington|new york|los angeles|chicago|
    san francisco|boston|tokyo|osaka|seoul|beijing|shanghai|shenzhen|guangzhou|hong kong|
    hangzhou|suzhou|chongqing|chengdu|nanjing|wuhan|tianjin|xian|xi'an|dongguan|zhongshan|
    huizhou|foshan|zhuhai|zhejiang|guangdong|jiangsu|fujian|sichuan|hubei|hunan|
    henan|hebei|shandong|yunnan|xinjiang|tibet|haifa|tel aviv|jerusalem|dubai|mumbai|delhi|
    new delhi|bangalore|sydney|melbourne|toronto|vancouver|montreal|dublin|edinburgh|
    glasgow|manchester|liverpool|birmingham|leeds|cardiff|belfast|zurich|zürich|geneva|
    vienna|brussels|amsterdam|stockholm|oslo|copenhagen|helsinki|warsaw|prague|budapest|
    athens|istanbul|cairo|lagos|nairobi|johannesburg|cape town|rio de janeiro|sao paulo|
    buenos aires|mexico city|silicon valley|yangtze river delta|pearl river delta|
    greater bay area|gba|hk|kowloon|taipei|bangkok|jakarta|manila|hanoi|
    kuala lumpur|karachi|lahore|kabul|baghdad|tehran|riyadh|gaza|west bank|kiev|kyiv|
    texas|california|florida|new jersey|ohio|kansas|kentucky|virginia|oregon|alaska|
    hawaii|europe|middle east|latin america|asia-pacific|scandinavia|balkans|caribbean|
    siberia|bavaria|catalonia|andalucia|yorkshire|kent|surrey|essex|cornwall|devon|
    ala|ariz|calif|colo|fla|minn|mich|neb|nev|okla|tenn|wis|wyo"""
)
# (The last line: US states as news datelines abbreviate them, "SAN FRANCISCO,
# Calif.", those that are no English word, name or title: not "Miss.", "Mass.", "La.".)

ORGS = _set(
    """huawei|alibaba|tencent|baidu|xiaomi|lenovo|sina|sohu|
    shanda|netease|jd.com|bytedance|zte|oppo|vivo|apple|google|microsoft|amazon|
    facebook|meta|ibm|intel|amd|nvidia|sony|samsung|lg|honda|toyota|nissan|ford|gm|bmw|
    volkswagen|exxon|shell|bp|nokia|ericsson|siemens|philips|yahoo|ebay|aol|
    time warner|disney|bbc|cnn|reuters|xinhua|fifa|uefa|nato|un|eu|imf|wto|who|opec|
    nasa|fbi|cia|unicef|unesco|temasek|ant financial|dreamworks|pixar|warner bros|
    vodafone|virgin|tesco|sainsbury|barclays|hsbc|lloyds|nasdaq|mit|harvard|
    oxford|cambridge|labour|conservatives|tories|lib dems|liberal democrats|ukip|
    republicans|democrats|tory|conservative|conservative party|labour party|lib dem|liberal democrat|united nations|arsenal|chelsea|liverpool fc|manchester united|man utd"""
)

# Common acronyms of common nouns: not names.
COMMON_ACRONYMS = _set(
    """ai id ids it ip 3d 2d 4g 5g ceo cfo cto gdp tv pc pcs phd r&d ok dna vr ar
    sms mp3 dvd cd cds pr hr mp mps msp msps it's faq usb gps lcd hd uk-based am pm bc ad vs etc ie eg
    ltd co inc plc llc gmt bst est mph kg km cm mm"""
)

# Common Chinese surnames (romanised) and a few given names: evidence for a person.
SURNAMES = _set(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang
    yu du ye cheng wei su lu ding ren shen yao qiu quan lam wong chan leung cheung ho lee ng
    tsang yip qian ying fan jin wen xi mo kong lau chow chung kwok tam tse yeung fung mak
    lui lo choi hui kim park choi jung kang"""
)
GIVEN_NAMES = _set(
    """bob carrie sean henry john james david michael robert william richard thomas mark
    paul peter george tony gordon jack harry charles andrew steven stephen kevin brian
    edward ronald anthony daniel matthew donald mary patricia linda barbara elizabeth
    jennifer maria susan margaret dorothy lisa nancy karen betty helen sandra donna carol
    ruth sharon michelle laura sarah kimberly jessica emily amy anna kate alex chris
    simon nick jane ann anne alan ian colin neil tim tom ben sam joe mike jim bill dan
    rob steve dave martin jose juan carlos luis wayne ryan jamie rio frank alice vladimir
    angela nicolas jacques silvio jose-luis gerhard tony jean pierre ali mohammed
    andy roger lleyton kelly paula jonny arsene alex rafael serena venus maria tiger
    gary alistair iain hilary hillary condoleezza ken boris nigel sebastian lord
    rupert greg craig scott adam luke jason justin marcus oliver harriet tessa ruth"""
)

# Words that start sentences and are never names on their own.
STOPWORDS = _set(
    """a an the this that these those it its he she they we you i his her our their my
    your there here in on at under over after before during since until for with without
    by from to as but and or so yet if when while although though some many most one two
    three four five six seven eight nine ten all both each every another other such
    according meanwhile however also not only more less last next first new no yes
    mr mrs ms dr is are was were be been has have had do does did will would can could
    should may might must shall what which who whom whose where why how then than thus
    therefore moreover furthermore nevertheless nonetheless instead indeed still even
    because despite although whether already again ago now today yesterday tomorrow
    situated based located founded according following including given during among
    about above across against along around behind below beneath beside besides between
    beyond inside near off onto outside past through throughout toward towards upon
    within via per plus minus like unlike around once twice nearly almost just very
    us me him them much several few any none nothing something everything anything someone everyone
    nobody somebody everybody part some thanks last earlier later recently currently
    overall finally additionally similarly likewise otherwise sources experts officials
    analysts critics many some most others people children speaking asked asking"""
)

WEEKDAYS_MONTHS = _set(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec christmas easter"""
)

# Words absorbed into a following title: "Party Secretary", "Prime Minister".
TITLE_PREFIXES = _set("party vice deputy executive general prime foreign finance chief first state")

# Adjectives of nationality and the like: not names on their own.
DEMONYMS = _set(
    """chinese japanese american british german french israeli asian european african
    korean indian russian english hebrew western eastern northern southern italian
    spanish dutch swiss swedish irish scottish welsh canadian australian mexican
    brazilian arab arabic muslim christian jewish catholic islamic taiwanese
    cantonese mandarin latin nordic soviet african-american international national"""
)

"""Word lists the rule stages share: reporting verbs and nouns, titles, media and government words.

Lemmas, lower case. Kept in one place so that a list is tuned once and every stage agrees.
"""

# Verbs that introduce what someone said, wrote, believes or intends when they take a clause or a quotation.
SPEECH_VERBS = frozenset("""
say tell state declare warn claim announce report add note argue insist deny acknowledge admit confirm reveal
explain write ask reply respond answer suggest predict accuse contend assert maintain allege estimate indicate
conclude recall stress emphasize emphasise urge promise vow pledge threaten concede complain criticize criticise
tweet post testify speculate question remark comment observe mention assure boast joke quip lament charge counter
retort shout yell whisper inform advise proclaim demand caution reiterate repeat agree disagree signal hint
brand describe call label dub characterize characterise blast slam praise tout defend acknowledge predict forecast
project calculate find show suggest rule determine decide announce disclose divulge concur affirm reaffirm
guarantee swear pledge propose recommend order instruct demand request plead appeal implore beg counsel
teach preach declare exclaim mutter murmur grumble scoff sneer snap bark cry chant sing read
cite endorse denounce dismiss mock express mention accuse decline refuse
""".split())

# Verbs of belief, knowledge, intention and perception: attributions of an inner state when they take a clause.
COGNITION_VERBS = frozenset("""
believe think know feel hope fear expect doubt suspect worry wonder assume guess reckon imagine consider
want wish intend plan hope seek aim prefer understand realize realise recognize recognise learn see hear
""".split())

# The type of an attribution (docs/analysis-format.md), from its cue: an intention ("seeks to", "wants"), a
# question ("asked whether"), a belief ("thinks", "fears"), or a topic ("commented on", "referring to") rather
# than a proposition asserted.
INTENTION_CUES = frozenset("want wish intend plan hope seek aim try prefer mean strive desire".split())
QUESTION_CUES = frozenset("ask question wonder inquire enquire query quiz grill".split())
BELIEF_CUES = COGNITION_VERBS - INTENTION_CUES - QUESTION_CUES | frozenset(
    "belief fear view worry suspicion doubt expectation seem appear".split())
TOPIC_CUES = frozenset("""
comment discuss refer talk speak address mention condemn condemnation denunciation criticism praise attack
detail focus weigh touch dwell elaborate
""".split())

# Verbs whose direct object can be the content itself ("announced another $400 million package", "cited the
# poll", "praised the ruling"). Besides the usual ones, the verbs that carry an attribution in at least half of
# their uses in PolNeAR train with an object as their usual argument.
OBJECT_CONTENT_VERBS = frozenset("""
announce acknowledge admit confirm deny reveal report predict claim propose recommend disclose concede
cite endorse criticize criticise praise blast slam denounce dismiss mock tout express defend mention question
recall blame describe tweet note reject accuse
""".split())

# Verbs whose content is an infinitive ("declined to comment", "vowed to fight"), from the same counts.
INFINITIVE_VERBS = frozenset("""
want plan intend hope expect seek aim wish prefer decline refuse vow promise pledge threaten agree
""".split())

# Verbs whose nominal complement plus infinitive is the content ("called on X to", "urged X to").
CONTROL_VERBS = frozenset("urge call ask tell advise order instruct encourage press implore beg warn".split())

# Nouns that carry a claim when followed by a that-clause ("claims by Ukraine that ...", "Austin's warning that").
SPEECH_NOUNS = frozenset("""
claim statement warning report allegation assertion announcement speculation suggestion belief fear argument
accusation promise pledge threat admission denial insistence prediction estimate charge contention remark
comment assurance notion conclusion finding testimony confession rumor rumour view message reminder assessment
hope expectation concern worry suspicion doubt acknowledgment acknowledgement confirmation revelation
""".split())

# Heads of a source phrase that stand for the named outlet or body inside it ("A Washington Post article").
CONTAINER_NOUNS = frozenset("""
article report newspaper paper website site outlet magazine journal broadcaster channel network station
statement editorial interview study survey poll story column op-ed blog post tweet spokesman spokeswoman
spokesperson representative release communique communiqué
""".split())

MEDIA_WORDS = frozenset("""
post times news journal tribune guardian telegraph herald gazette chronicle daily newspaper radio tv television
press reuters ap afp bloomberg cnn bbc msnbc fox nbc abc cbs npr politico axios hankyoreh yonhap tass xinhua
ria interfax al-jazeera jazeera economist observer independent mail mirror sun express monitor review
magazine weekly week wire agency broadcasting broadcaster network channel website
""".split())

GOVERNMENT_WORDS = frozenset("""
ministry department pentagon white house kremlin congress senate parliament government intelligence agency
council commission army navy military police fbi cia nsa court cabinet administration office embassy
assembly duma knesset bundestag legislature committee state security forces command
""".split())

TITLES = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. representative gov gov. governor president
prime minister secretary general gen gen. lt lt. col col. adm adm. sgt sgt. capt capt. judge justice
chancellor king queen prince princess pope sheikh rev rev. sir lady lord mayor chief
""".split())

SUBJECT_PRONOUNS = {"he": "male", "she": "female", "they": "plural", "it": "neuter", "who": "rel",
                    "which": "rel", "that": "rel", "i": "self", "we": "self", "you": "other"}

# Hedges and boosters: word or phrase → certainty level it signals for what it scopes over.
#   unknown  — the writer keeps distance and does not vouch (allegedly, purportedly, claims)
#   possible — may or may not be so (may, might, could, possibly, if true, speculation)
#   probable — likely so (probably, likely, expected to, reportedly, up to, as many as)
#   certain  — boosters (undoubtedly, certainly, clearly)
HEDGE_WORDS = {
    "allegedly": "unknown", "purportedly": "unknown", "supposedly": "unknown", "alleged": "unknown",
    "purported": "unknown", "unconfirmed": "unknown", "unverified": "unknown", "so-called": "unknown",
    "may": "possible", "might": "possible", "could": "possible", "possibly": "possible", "perhaps": "possible",
    "maybe": "possible", "possible": "possible", "potential": "possible", "potentially": "possible",
    "speculation": "possible", "rumour": "possible", "rumor": "possible", "rumoured": "possible",
    "rumored": "possible", "conceivably": "possible",
    "probably": "probable", "likely": "probable", "reportedly": "probable", "apparently": "probable",
    "seemingly": "probable", "presumably": "probable", "seem": "probable", "seems": "probable",
    "appear": "probable", "appears": "probable", "suggests": "probable", "estimated": "probable",
}
HEDGE_PHRASES = {
    ("if", "true"): "possible", ("if", "confirmed"): "possible", ("up", "to"): "probable",
    ("as", "many", "as"): "probable", ("as", "much", "as"): "probable", ("expected", "to"): "probable",
    ("believed", "to"): "probable", ("thought", "to"): "probable", ("said", "to"): "probable",
    ("is", "said", "to"): "probable", ("according", "to"): "probable",
}
BOOSTER_WORDS = frozenset("""
undoubtedly certainly clearly obviously definitely surely undeniably unquestionably evidently indeed
doubtless plainly
""".split())
BOOSTER_PHRASES = {("of", "course"), ("in", "fact"), ("no", "doubt"), ("without", "doubt"), ("without", "question")}

# The writer's stance carried by the reporting word.
DISTANCING_CUES = frozenset("claim allege purport insist contend maintain speculate assert boast".split())
COMMITTING_CUES = frozenset("""
acknowledge admit confirm reveal concede show prove demonstrate find note recognize recognise discover
point explain establish disclose
""".split())

# Evaluative words that mark the writer's own judgement when they are not inside a quotation or attributed content.
EVALUATIVE_WORDS = frozenset("""
hypocritical hypocrisy hypocrite reckless recklessly deliberately deliberate shameful shamefully disgraceful
outrageous absurd ridiculous preposterous scandalous appalling shocking criminal barbaric cynical cynically
cowardly disastrous catastrophic irresponsible reactionary imperialism imperialist propaganda pretext genocide
notorious infamous ludicrous pathetic despicable vile heinous atrocious egregious shameless shamelessly blatant
blatantly flagrant farcical sham bogus baseless misguided foolish stupid idiotic incompetent arrogant hysterical
warmongering war-mongering fearmongering demagogue demagoguery sinister laughable naive senseless futile
shambolic goaded goad provocations provocation oblivion plunge hegemony predatory rapacious treacherous
unforgivable inexcusable indefensible deplorable contemptible grotesque obscene insane disingenuous
dishonest duplicitous mendacious spineless pale entirely utterly simply merely truly progressive
""".split())
DEONTIC = frozenset("must should ought".split())

# Nouns that name what a person is or does: an apposition holding one is a role ("the French minister for …").
ROLE_NOUNS = frozenset("""
minister secretary president spokesman spokeswoman spokesperson director chief head leader chairman chairwoman
chair ceo official adviser advisor economist analyst professor ambassador senator governor mayor general commander
researcher expert lawyer attorney judge founder member candidate nominee manager editor correspondent reporter
surrogate aide strategist pollster executive officer envoy diplomat negotiator activist author scientist physicist
historian fellow deputy representative congressman congresswoman lawmaker mp prosecutor chancellor premier
spokesperson secretary-general commissioner coordinator organizer organiser campaigner owner partner president-elect
treasurer vice-president lieutenant colonel captain sergeant admiral marshal police officer doctor physician nurse
teacher student resident founder co-founder co-director inspector investigator consultant
""".split())

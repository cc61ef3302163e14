/**
 * The developing stories a generated corpus covers. Every name, place and sentence here is
 * invented for the benchmark. Slots in braces are filled by `fill.ts`:
 * {person} {person2} {group} {place} {place2}, figures {n:MIN:MAX}, {k} ("2.5 thousand"),
 * {pct}, and the date phrasings of `dates.ts` ({recentDay}, {weekday}, {sinceDay}…).
 */
export interface Story {
  key: string;
  tags: string[];
  /** Window of the corpus (day offsets from the epoch) in which the story is reported. */
  from: number;
  to: number;
  /** Relative weight when choosing the story of a report. */
  weight: number;
  people: string[];
  groups: string[];
  places: string[];
  titles: string[];
  /** Clauses stating what happened, without a time: reused later as dated recaps. */
  facts: string[];
  /** Sentences of follow-up paragraphs, with time expressions and figures. */
  developments: string[];
  quotes: string[];
  /** Context paragraphs repeated, verbatim or lightly reworded, across the story's reports. */
  background: string[];
}

export const SOURCES = ["Meridian Wire", "Northgate Press Agency", "The Coastal Ledger", "Harbour Radio", "Daily Observer", "Eastreach News Service"];

export const STORIES: Story[] = [
  {
    key: "vessa-floods",
    tags: ["floods", "vessa", "disaster"],
    from: 0,
    to: 420,
    weight: 3,
    people: ["Governor Anika Roell", "relief coordinator Tomas Ederly", "hydrologist Brenna Sutt", "Mayor Kasimir Vall"],
    groups: ["the Vessa Civil Protection Agency", "Red Lantern Relief", "the provincial water board", "the Lower Vessa council"],
    places: ["Marlow Bend", "Ostrevo", "Kellin", "the Harrow valley", "Lower Vessa"],
    titles: ["Flood waters rise again in {place}", "{place} evacuates as the Harrow keeps climbing", "Relief convoys reach {place}", "Vessa flood toll passes {n:20:90}", "Levee repairs stall near {place}"],
    facts: [
      "the Harrow river broke through the embankment at {place}, forcing at least {n:200:3000} families from their homes",
      "{group} declared a state of emergency across {n:4:19} districts of Lower Vessa",
      "rescue crews pulled {n:12:140} people from flooded houses in {place}",
      "{person} ordered the evacuation of {n:3:12} villages along the Harrow",
      "a second flood crest swept through {place}, cutting the road to {place2}",
      "{group} reported that {n:30:400} kilometres of farm roads had been washed away",
    ],
    developments: [
      "{Group} said {yesterday} that the water had fallen by {n:10:80} centimetres at {place}, but warned that more rain was expected {future}.",
      "About {k} people are still sleeping in schools and sports halls, {person} told reporters {weekday}.",
      "The river has stayed above its warning level {sinceDay}, the longest stretch recorded at {place}.",
      "{Person} said the province had spent {n:3:40} million crowns on pumps and sandbags {deictic}.",
      "Volunteers have filled sandbags {recurring} {sinceDay}, and at least {n:40:600} soldiers joined them {recentDay}.",
      "The last comparable flood hit {place} {inYear}, when the embankment held for {duration} before giving way.",
      "{Cap:timeOfDay} {recentDay}, water reached the ground floor of the hospital in {place2}.",
      "Insurers estimate damage at more than {n:100:900} million crowns, {group} said {deictic}.",
    ],
    quotes: [
      "\u201cWe are not through the worst of it,\u201d {person} said, adding that {n:2:9} more pumping stations would open {future}.",
      "\u201cThe water came in {duration} and took everything,\u201d said a resident of {place} who gave only her first name.",
    ],
    background: [
      "The Harrow drains most of Lower Vessa, a farming province of about 1.8 million people. Its embankments were last rebuilt in 1998 and have failed in three of the past ten springs.",
      "Lower Vessa has seen repeated floods since 2019, when the Harrow burst its banks near Kellin and displaced at least 12,000 people for most of a summer.",
      "The Vessa Civil Protection Agency runs 41 relief centres in the province. Its budget was cut by 15 percent in 2021, a decision the opposition has criticised ever since.",
      "Hydrologists have warned for years that clearing the Harrow's flood meadows for farmland left the river with nowhere to spread, raising crests downstream at Marlow Bend and Ostrevo.",
      "Red Lantern Relief, a charity founded in Ostrevo in 2004, distributes food and clean water in the flooded districts and says it has registered more than 30,000 people for aid.",
    ],
  },
  {
    key: "calder-strike",
    tags: ["labour", "ports", "calder"],
    from: 110,
    to: 520,
    weight: 3,
    people: ["union leader Ines Marrow", "Transport Minister Pavel Stroud", "terminal director Oskar Fenn", "mediator Hala Drummond"],
    groups: ["the Harbour Workers' Federation", "the Calder Terminal Company", "the shippers' association", "the transport ministry"],
    places: ["Port Calder", "the Calder container terminal", "the north quay", "Saltmouth"],
    titles: ["Dock strike halts {place}", "Calder talks collapse as ships queue", "Union rejects new pay offer at {place}", "Strike backlog reaches {n:40:200} ships", "Mediator called in at {place}"],
    facts: [
      "dock workers at {place} walked out over pay and shift rules",
      "{group} rejected a pay offer of {n:3:9} percent over two years",
      "talks between {group} and the Calder Terminal Company broke down after {n:6:30} hours",
      "{person} threatened to bring in the navy to move containers at {place}",
      "the strike spread to {place2}, where {n:300:2000} crane operators stopped work",
      "a court in Saltmouth ruled the walkout lawful",
    ],
    developments: [
      "At least {n:20:160} ships were waiting at anchor off {place} {yesterday}, {group} said.",
      "Some {k} containers are stranded on the quays, {person} told a news conference {weekday}.",
      "The union has held rallies {recurring} {sinceDay}, and says its members have not had a real pay rise {sinceYear}.",
      "{Person} said {deictic} that the stoppage was costing the economy about {n:10:90} million crowns a day.",
      "Negotiators are due to meet again {future}, {group} said in a statement.",
      "The last national port strike, {inYear}, lasted {duration} and ended with a government-brokered deal.",
      "{Cap:timeOfDay} {recentDay}, police cleared a picket line at the gates of {place}.",
      "Fresh produce importers say {pct} percent of their winter stock has been stuck at {place} {sinceDay}.",
    ],
    quotes: [
      "\u201cNobody goes back to the cranes until the shift rules are gone,\u201d {person} said.",
      "\u201cWe have made our final offer,\u201d {person} said, calling the strike \u201cdamaging and unnecessary\u201d.",
    ],
    background: [
      "Port Calder handles about a third of the country's container traffic. The Harbour Workers' Federation represents roughly 6,500 of its 9,000 dock staff.",
      "The dispute began over a new shift system that the Calder Terminal Company introduced in 2022, which the union says cut rest periods and overtime pay.",
      "The Calder Terminal Company has been majority-owned by a foreign shipping group since 2017 and has automated two of its four berths since then.",
      "Ministers have twice tried to legislate an end to port strikes, in 2009 and 2016, and backed down both times after protests in Saltmouth and Port Calder.",
    ],
  },
  {
    key: "dovar-border",
    tags: ["conflict", "teskar", "border"],
    from: 0,
    to: 729,
    weight: 4,
    people: ["General Orlan Bey", "Defence Minister Raisa Tolk", "militia spokesman Idris Kamo", "envoy Margit Selander"],
    groups: ["the Ashen Front", "the Teskari army", "the border monitoring mission", "the defence ministry"],
    places: ["the Dovar Pass", "Kirsk", "Velta", "the eastern ridge", "Nor Amal"],
    titles: ["Fighting flares near {place}", "Teskar sends reinforcements to {place}", "{n:3:40} killed in raid on {place}", "Ceasefire talks stall over {place}", "Ashen Front claims attack near {place}"],
    facts: [
      "Ashen Front fighters attacked an army post near {place}, killing at least {n:3:30} soldiers",
      "{group} deployed {k} troops to the Dovar Pass",
      "a drone strike hit a fuel depot outside {place}",
      "{person} announced a {n:3:14}-day ceasefire that collapsed within hours",
      "the border monitoring mission counted {n:20:120} attacks in a single week",
      "{group} closed the road between {place} and {place2} to civilian traffic",
    ],
    developments: [
      "{Group} has recorded {n:40:400} attacks along the ridge {sinceDay}, most of them at night.",
      "{Person} said {yesterday} that about {k} troops would stay in the area {future}.",
      "At least {n:10:90} people have been killed in {place} {deictic}, according to local officials.",
      "{Cap:timeOfDay} {weekday}, shelling damaged {n:2:30} houses in {place2}.",
      "The army says it has detained {n:5:60} suspected militia members {sinceDay}.",
      "Residents of {place} have been living in shelters for {duration}, {group} said.",
      "Monitors patrol the pass {recurring}, but were kept out of {place} {recentDay}.",
      "The militia first appeared on the ridge {inYear} and has grown to an estimated {k} fighters, {person} said {deictic}.",
    ],
    quotes: [
      "\u201cEvery ceasefire so far has been used to rearm,\u201d {person} said.",
      "\u201cWe will hold the pass whatever it costs,\u201d {person} told soldiers at {place}.",
    ],
    background: [
      "The Dovar Pass is the only paved route between Teskar and its eastern neighbour. Control of it has been disputed since 2014, when the old frontier treaty lapsed.",
      "The Ashen Front, an armed group recruited mainly from mountain villages around Kirsk, demands autonomy for the eastern ridge. The Teskari government calls it a terrorist organisation.",
      "A ceasefire agreed in Velta on October 17, 2022 held for most of that winter before fighting resumed in the spring.",
      "The border monitoring mission has about 200 observers and reports to a commission in Nor Amal. Its mandate runs until the end of 2025.",
      "Teskar spends about 3 percent of its economic output on defence, one of the highest shares in the region, and has kept some 2.5 thousand troops in the pass since 2020.",
    ],
  },
  {
    key: "almera-election",
    tags: ["politics", "almera", "elections"],
    from: 300,
    to: 729,
    weight: 3,
    people: ["President Selin Varga", "opposition leader Dario Kelm", "commission chair Ruth Abelard", "Prime Minister Emil Sarno"],
    groups: ["the Electoral Commission", "the Civic Union", "the National Party", "the constitutional court"],
    places: ["Almera City", "Port Ys", "the southern provinces", "Tamsel", "Liberty Square"],
    titles: ["Almera recount ordered in {place}", "Protesters fill {place} for {n:2:12}th night", "Kelm rejects election result", "Court to rule on disputed vote", "Varga sworn in amid protests"],
    facts: [
      "the Electoral Commission declared President Selin Varga the winner with {pct} percent of the vote",
      "{group} demanded a recount in {n:3:14} provinces",
      "police used tear gas to clear protesters from {place}",
      "{person} filed a challenge with the constitutional court",
      "the commission ordered a partial recount in {place}",
      "{n:2:40} thousand people marched through {place} against the result",
    ],
    developments: [
      "The recount covers about {k} ballots and should be finished {future}, {group} said.",
      "Protesters have gathered in {place} {recurring} {sinceDay}.",
      "{Person} said {yesterday} that the opposition would not accept any result before the court ruled.",
      "Turnout was {pct} percent, the lowest {sinceYear}, according to {group}.",
      "At least {n:20:300} people have been arrested at demonstrations {deictic}, rights groups said.",
      "{Person} last faced a disputed count {inYear}, when a recount lasted {duration}.",
      "{Cap:timeOfDay} {weekday}, riot police blocked the road from {place} to {place2}.",
      "The court has {duration} to rule under the constitution, {person} told reporters {recentDay}.",
    ],
    quotes: [
      "\u201cThe count was clean and the people have spoken,\u201d {person} said.",
      "\u201cWe have the tally sheets, and they do not match,\u201d {person} said at a rally in {place}.",
    ],
    background: [
      "Selin Varga has led Almera since 2016 and won a third term under constitutional changes approved in a 2021 referendum that the opposition boycotted.",
      "The Civic Union, an alliance of five opposition parties, chose Dario Kelm, a former mayor of Port Ys, as its candidate in the spring of 2024.",
      "Observers from the regional assembly reported irregularities at about one polling station in ten in the previous election but did not question the overall result.",
      "The Electoral Commission has nine members, six of them appointed by the president's party. Its chair, Ruth Abelard, took office in 2020.",
    ],
  },
  {
    key: "sennet-fever",
    tags: ["health", "ruvena", "outbreak"],
    from: 450,
    to: 729,
    weight: 2,
    people: ["Health Minister Corin Thale", "Dr. Mara Qel", "epidemiologist Jonas Pell", "district officer Leni Haas"],
    groups: ["the Ruvenan health ministry", "the Sennet district hospital", "Medics Without Frontiers Ruvena", "the national laboratory"],
    places: ["Sennet", "Oru", "the river villages", "Halden", "the capital"],
    titles: ["Fever cases climb in {place}", "Ruvena opens vaccine centres in {place}", "Outbreak spreads to {place}", "{n:5:60} new fever deaths reported", "Schools reopen in {place} as cases fall"],
    facts: [
      "the health ministry confirmed an outbreak of marsh fever in {place}",
      "the national laboratory identified a new strain of the virus in samples from {place}",
      "{group} opened {n:3:18} treatment tents in {place}",
      "{person} ordered schools in {place} closed",
      "the first fever case was confirmed in {place2}, far from the original cluster",
      "a shipment of {n:20:200} thousand vaccine doses arrived in {place}",
    ],
    developments: [
      "The ministry has recorded {n:200:4000} cases and {n:10:120} deaths {sinceDay}, {person} said {yesterday}.",
      "Vaccination teams visit the river villages {recurring}, and have given about {k} doses {deictic}.",
      "{Group} said {weekday} that new cases in {place} had fallen by {pct} percent from the week before.",
      "The previous outbreak, {inYear}, lasted {duration} and killed more than {n:40:300} people.",
      "Incoming travellers from {place} are screened {recurring} at {place2}, {group} said.",
      "{Cap:timeOfDay} {recentDay}, the hospital in {place} ran out of beds, {person} said.",
      "{Person} said a second vaccine round would begin {future}.",
    ],
    quotes: [
      "\u201cThe curve is bending, but slowly,\u201d {person} said.",
      "\u201cWe are seeing whole families arrive at once,\u201d said {person}, who runs a clinic in {place}.",
    ],
    background: [
      "Marsh fever is spread by mosquitoes that breed in the flooded rice fields around Sennet. Most patients recover within two weeks, but it can be fatal for young children.",
      "Ruvena's last large outbreak, in 2017, infected about 9,000 people. A vaccine has been available since 2020 but coverage in the river villages is below 40 percent.",
      "The Sennet district hospital has 220 beds and serves about half a million people, many of whom live a day's travel away by boat.",
    ],
  },
  {
    key: "gallow-fire",
    tags: ["wildfire", "gallow-ridge", "disaster"],
    from: 190,
    to: 390,
    weight: 2,
    people: ["fire chief Nadia Ormsby", "Forestry Minister Aldo Crane", "Mayor Petra Lund"],
    groups: ["the Gallow fire service", "the forestry ministry", "the air tanker squadron", "the regional council"],
    places: ["Gallow Ridge", "Thornby", "Lake Ise", "the Birch Hills", "Wexmoor"],
    titles: ["Wildfire jumps road near {place}", "{place} evacuated as fire spreads", "Crews contain Gallow fire's eastern flank", "Fire has burnt {n:4:40} thousand hectares", "Rain helps firefighters at {place}"],
    facts: [
      "a wildfire broke out on the slopes of Gallow Ridge",
      "the fire crossed the highway near {place}",
      "{group} evacuated {n:200:5000} residents of {place}",
      "{n:2:12} firefighters were injured when the wind turned at {place}",
      "{person} requested water bombers from neighbouring provinces",
      "flames destroyed {n:10:150} houses in {place}",
    ],
    developments: [
      "The fire has burnt about {k} hectares {sinceDay}, {group} said {yesterday}.",
      "Some {n:300:1200} firefighters and {n:4:20} aircraft are working the fire {recurring}, {person} said.",
      "{Cap:timeOfDay} {weekday}, a shift in the wind pushed flames towards {place}.",
      "The region has had almost no rain for {duration}, {person} said {deictic}.",
      "The last fire of this size on the ridge, {inYear}, burnt for {duration}.",
      "Evacuees from {place} may return {future}, {group} said.",
    ],
    quotes: [
      "\u201cWe are fighting this one metre at a time,\u201d {person} said.",
      "\u201cThe smoke turned day into night,\u201d said a farmer in {place}.",
    ],
    background: [
      "Gallow Ridge is covered mostly by pine plantations planted after the war. Foresters have long warned that the dense, even-aged stands burn fast in dry summers.",
      "The Gallow fire service has 14 stations and relies on volunteer crews from Thornby and Wexmoor for large fires. Its air tanker squadron was formed in 2018.",
    ],
  },
  {
    key: "ostmark-crown",
    tags: ["economy", "ostmark", "currency"],
    from: 40,
    to: 710,
    weight: 2,
    people: ["Governor Lev Hadran", "Finance Minister Yara Quist", "economist Bruno Saint", "analyst Mei Tarrow"],
    groups: ["the Bank of Ostmark", "the finance ministry", "the statistics office", "the banking association"],
    places: ["Ostmark", "the capital", "Brennholt", "the Ostmark exchange"],
    titles: ["Ostmark crown hits record low", "Central bank raises rates to {pct} percent", "Inflation in {place} reaches {pct} percent", "Ostmark crown rallies after intervention", "Finance ministry unveils rescue package"],
    facts: [
      "the Bank of Ostmark raised its main interest rate to {pct} percent",
      "the crown fell {n:2:9} percent against the euro in a single session",
      "{group} sold an estimated {n:1:8} billion euros of reserves to support the crown",
      "the statistics office reported annual inflation of {pct} percent",
      "{person} announced a freeze on fuel prices",
      "{group} suspended trading on the Ostmark exchange for {n:1:4} hours",
    ],
    developments: [
      "The crown has lost about {pct} percent of its value {sinceDay}, {person} said {yesterday}.",
      "{Group} will publish new inflation figures {future}.",
      "The bank's board meets {recurring} and has raised rates {n:2:8} times {sinceYear}.",
      "{Person} said {weekday} that the reserves could cover about {n:3:9} months of imports.",
      "Inflation last reached these levels {inYear}, when it stayed above 10 percent for {duration}.",
      "{Cap:timeOfDay} {recentDay}, queues formed outside exchange offices in {place}.",
    ],
    quotes: [
      "\u201cWe will do whatever it takes to defend the crown,\u201d {person} said.",
      "\u201cHouseholds are paying for mistakes made years ago,\u201d said {person}.",
    ],
    background: [
      "The Ostmark crown has floated freely since 2012. Before that it was pegged to a basket of currencies, an arrangement that collapsed during a banking crisis.",
      "About 60 percent of household loans in Ostmark are in foreign currency, which makes each fall of the crown more painful for borrowers.",
      "Lev Hadran became governor of the Bank of Ostmark in 2019, promising to bring inflation back to 3 percent within three years.",
    ],
  },
];

/** Paragraphs common to every story, as agencies append them to any report. */
export const SHARED_BACKGROUND = [
  "Independent verification of casualty figures was not possible. Officials' numbers have been revised several times in the past and are often disputed by local groups.",
  "This report was updated with additional details and comment after its first publication.",
];

/** Light rewordings applied to background paragraphs: [pattern, replacement]. */
export const REWORDINGS: [RegExp, string][] = [
  [/\bhas long warned\b|\bhave long warned\b/, "have warned for a long time"],
  [/\babout\b/, "around"],
  [/\bsince\b/, "ever since"],
  [/\bsays\b/, "said"],
  [/\bmost of\b/, "much of"],
  [/\bbegan\b/, "started"],
  [/\bwhich\b/, "something that"],
  [/\bdemands\b/, "is demanding"],
  [/\bOfficials'/, "Authorities'"],
];

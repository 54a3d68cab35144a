/* scorer.c - sentence scoring (stage 6).
 *
 * The rules of DESIGN section 5 (boosters and dampeners among the 3
 * preceding words, decaying; ALL CAPS +0.7; negation among the 3 preceding
 * words moves a hit to the other dimension at x0.74; contrast x0.5 before,
 * x1.5 after; reframe = N > 0 and G >= N), refined by four rules that the
 * labelled tuning sentences called for:
 *
 *  1. "not ... yet": a verbal negator ("not", "cannot", any "n't" or "nt"
 *     form) followed later in the same clause by "yet" speaks of a skill
 *     still being built, not of a denial: "I can't do it yet".  Such a
 *     negator negates nothing and the "yet" is not a contrast.  The pair
 *     names a shortfall and frames it as temporary, a reframe in small:
 *     it scores a negativity hit "not ... yet" (setback, NOT_YET_SHORTFALL)
 *     on the negator and a growth hit "not ... yet" (possibility,
 *     NOT_YET_WEIGHT) on the "yet".
 *  2. A contrast word with no word after it in the sentence ("He was
 *     right, though.") contrasts with the previous sentence, not inside
 *     this one: it is ignored.
 *  3. Concessive contrast words ("although", "though", "even though",
 *     "despite", "in spite of", "whereas", "even if", "albeit") open a
 *     clause that is conceded: "Although the flood damaged the school, the
 *     community rebuilt it" means "the flood damaged the school, but the
 *     community rebuilt it".  Hits from the word to the end of its clause
 *     (the next , ; : or dash) count x0.5, all other hits x1.5.
 *     A "though" that follows its main clause after a comma turns like
 *     "but" instead: "The drought was brutal, though it pushed us to
 *     mulch and the beds have never looked healthier" puts the weight on
 *     what came of it ("although" there still concedes its clause).
 *     A habitual past told by its subject ("I used to", "we used to", ...
 *     "they used to") concedes in the same way: "I used to panic before exams;
 *     steady revision has made them manageable."
 *  4. A negativity term that a negator moved to growth still names the
 *     setback it denies: "This isn't a failure; it's a map of what I still
 *     need to learn" is a reframe even though N = 0 after negation.  So a
 *     sentence is a reframe when G >= N and either N > 0 or such a denied
 *     setback is present.  A denied act of quitting ("never give up") is
 *     an exhortation, not a setback, and does not count.
 *  5. A term named as a topic is not a tone: "A documentary about the war
 *     premieres next week", "the history of fear in cinema", "the annual
 *     crime rate", "a fire alarm test".  A hit counts x0.04 (it is
 *     listed, dampened by the word that frames it) when the next word is
 *     a noun that makes a single-word term a label (alarm, test, rate,
 *     report, ...),
 *     or when, within eight words before it in its clause, a word that
 *     introduces a subject (about, on, of, covers, examines, explains, ...)
 *     follows within three words a work that has one (book, documentary,
 *     history, study, unit, course, report, ...).  A work that is itself
 *     a hit counts x0.04 when the next word is a word of subject or of
 *     finding ("the study of grief", "a study found").  The lists are in
 *     ts_rule_mention_frame().
 *  6. A negator belongs to the nearest hit: it does not reach past a hit
 *     of the other dimension to negate a later one.  "not afraid to learn"
 *     negates "afraid" only; "haven't failed to understand" negates
 *     "failed" only.
 *  7. A negator one or two words before a verb of opinion ("don't think",
 *     "can't really imagine") negates the hits of the clause the verb
 *     introduces, up to eight words on: "I don't think I'm cut out for
 *     it" denies "cut out for".
 *  8. With no contrast word, a sentence whose clauses are joined by
 *     ", and", ", so", ", which" or a semicolon, with hits on both sides,
 *     puts its weight on the last clause: hits before x0.5, after x1.5
 *     ("The outage was a nightmare, and the review gave us three fixes").
 *     A clause-initial "so" is then a conjunction, not a booster.
 *  9. "never" or "couldn't" before a hit that a comparative follows
 *     closely in its clause makes a superlative, not a denial: "she has
 *     never enjoyed her work more", "we couldn't be happier", "they have
 *     never been fitter".
 * 10. A single word that a verb cue precedes ("to", a subject pronoun,
 *     a modal) is a verb, so rule 5's label test does not apply to it:
 *     "to learn data analysis" is learning, "a learning data set" is not.
 * 11. After the last setback of a sentence, a word that moves the story on
 *     in time ("we have since added monitoring", "six years later, he
 *     swims open-water races"), with more of the sentence after it, tells
 *     what came of the setback: it scores a growth hit "setback ... since"
 *     (resilience, TURN_WEIGHT).  "since" counts only after have/has/had,
 *     so "unemployed since March" is no turn.  "now", "eventually",
 *     "afterwards" and "the next" turn as well ("the agency moved into new
 *     sectors and now earns more", "the next kiln load came out glossy"),
 *     and so do "these days" and "this" before a span of time (year,
 *     time, season, term, spring, ...) when they open a clause ("; this
 *     year every household got an alert", "and these days I treat it as
 *     a sign"), not when they end a count ("the fourth this year"),
 *     but "now" before an obligation ("now I have to repeat the course",
 *     "now we must wait") tells a consequence, not a turn.  So does a
 *     "now" that nobody acts towards: no person as a subject (I, we, you,
 *     he, she, they, or a contraction of them) before it or right after
 *     it, no "but" or "yet" after the first setback, and between the last
 *     setback and "now" only a plain join: no growth hit, no deed in the
 *     past that no negator denies, and no "so", "but", "yet", "which",
 *     "that", "who" or "why" in the clause of "now"; nor is the last
 *     setback denied ("no one was hurt").  "The landlord ignored my mold
 *     complaints for eight months, and now my kid has asthma", "The
 *     education budget has been cut again, and the library now opens one
 *     morning a week" tell what the harm did; "and now I swim laps there",
 *     "so a second marshal now works the peak sailings", "volunteers ran
 *     planting workshops, and now the drawers are empty by April" keep
 *     their turn.
 * 12. A setback answered by a deed: after the first setback of a sentence,
 *     a verb of repair or response that is not itself a hit ("we added
 *     monitoring and a runbook", "she re-sat the exam in June", "we
 *     rebuilt the page from scratch", "the owners reached out, listened")
 *     tells what was done about it: the first such verb scores a growth
 *     hit "setback ... repair" (resilience, REPAIR_WEIGHT).  A negator
 *     within the three words before it denies the deed ("we never fixed
 *     it"), "added to" adds to the trouble, not a fix, and "began" or
 *     "started" count only before an -ing form ("began flagging look-alike
 *     names", not "the fire started at midnight"); "set" and "stepped"
 *     count only with their particle ("set up alerts", "stepped in", not
 *     "set a date", "stepped down"), and "built" or "trained" before
 *     "in" or "by" describe ("homes built in the 1920s").  "instead"
 *     tells another way taken ("the parade got rained out, so the band
 *     played in the gym instead"), but "instead of" names what was not
 *     done.  Without a
 *     setback before it the verb scores nothing ("the city added two bus
 *     routes").  The verbs are in repairs[].
 * 13. A term capitalised inside a sentence of mostly lower-case words is
 *     part of a name or a title, not a tone: "visitation at Lindgren
 *     Funeral Home", "she finished the Inferno", "the band will play
 *     Amazing Grace", "they met on Hope Street".  Such a hit counts
 *     x TS_NAME_FACTOR.  The first word of a sentence, a word after an
 *     opening quote, bracket, colon or dash (where a quoted or new
 *     sentence may start), a word in ALL CAPS (rule of emphasis) and
 *     sentences in Title Case are left alone.
 * 14. A sentence that opens with a clause of time ("after", "when",
 *     "once", "following") that names a setback, cut off by a comma and
 *     followed by more, puts its weight on the main clause, as a
 *     concessive does: the opening clause counts x0.5, the rest x1.5.  "After the 2019 outbreak, the
 *     county trained 200 contact tracers" tells the response; "When the
 *     plant closed, 300 people lost their jobs" stays bad news.  Applies
 *     only when the sentence has no contrast word.
 * 15. Progress told by numbers: a measure that a place, a team or a cause
 *     wants more of (visitors, turnout, adoptions, donations, scores, ...),
 *     followed within five words of its clause by a word of rise (up,
 *     rose, climbed, jumped, doubled, ...) that is not itself a hit and
 *     not denied, scores a growth hit "measure ... up" (improvement,
 *     MEASURE_WEIGHT): "adoptions are up 25 percent", "turnout among
 *     first-time voters jumped 15 points".  "up" counts only before an
 *     amount, "by" or "from".  Measures of cost or harm (rents, prices,
 *     cases) and the figures of market reports (sales, revenue, profits,
 *     told neutrally however they move) are not listed, so "retail sales
 *     rose 0.4 percent" scores nothing (a cost that rises is rule 26's).
 *     The words are in measures[] and rises[].
 * 16. A harm that falls is good news, as "fewer injuries" is: a
 *     negativity term followed in its clause by a word of fall (fell,
 *     dropped, halved, declined, ...) that an amount or a measure of it
 *     follows ("by", a number, "sharply", "from"), with only words such
 *     as "have", "been", "among them" between, is negated by the fall:
 *     "complaints have fallen by half", "soft-tissue injuries halved the
 *     following year", "crime fell 12 percent".  A negativity phrase that
 *     is the fall itself ("dropped sharply" after "injuries") is negated
 *     with it.  "down" counts only before a number ("broken down by age"
 *     is no fall), and a fall after a verb or a preposition is no fall of
 *     the harm ("crashed and dropped 10 percent", "bombs dropped on the
 *     city").  The words are in falls[] and fall_gaps[].
 * 17. A session on a timetable is a topic named (rule 5): when every
 *     hit of a sentence is a single word of effort or learning that is
 *     not after a verb cue (rule 10) and not a form in -ed or -ing, and the
 *     sentence names a day or an hour (Tuesday, Thursdays, tomorrow,
 *     noon, a.m., ...), it counts x MENTION_FACTOR: "Practice is on
 *     Tuesdays and Thursdays from 5:30 to 7", "Dress rehearsal is
 *     Thursday", "Rehearsal call tomorrow is 10 a.m."  "We practise on
 *     Tuesdays", "she practised on Sunday" and "after three years of
 *     rehearsing, the choir sings on Saturday" tell a deed.  The words
 *     are in whens[].
 * 18. A short quoted label is a name, not a tone: a hit inside a
 *     quotation of at most four words that opens the sentence or follows
 *     a determiner (the, a, its, our, ...), and that closes right after a
 *     letter or a digit, counts x MENTION_FACTOR and names no setback for
 *     rule 12: "the \"Best Answer\" badge is awarded by the original
 *     poster", "\"Happy Tails\" is the name of the newsletter section",
 *     "our \"aggressive dog\" policy requires an assessment".  A judgement
 *     reported in quotes is a tone: "critics called it \"brilliant\"",
 *     "my Lady Macbeth was \"too polite\"", and so is a quoted sentence
 *     ("\"Great job,\" the coach said").
 * 19. "not only" and "not just" open an addition, not a denial: "not" is
 *     no negator before "only" or "just" in its clause, so "support not
 *     only replaced mine but explained what they'd changed" keeps the
 *     deed of rule 12, and "not just fixed, but improved" keeps the fix.
 * 20. A setback turned into something else is a reframe: a negativity
 *     term that "turned", "turn" or "turning" precedes within three words
 *     of its clause and "into" follows ("he turned the wreckage into this
 *     hour", "turned that fear into something like fascination", "turn
 *     your mistakes into lessons") adds a growth hit "turned ... into"
 *     (resilience) on the verb, of TRANSFORM_WEIGHT or of the setback's
 *     own weight plus TRANSFORM_MARGIN if that is more; the setback keeps
 *     its weight.  "The storm turned the streets into rivers" names no
 *     setback as the object, and "the protest turned into a riot" has
 *     none between the verb and "into", so neither scores.
 * 21. A setback answered after a contrast: when a negativity hit comes
 *     before the last "but", "yet" or "however" of a sentence and the
 *     clause after it has at least ANSWER_MIN_WORDS words and no
 *     negativity hit of its own, that clause answers the setback, often in
 *     words no list holds ("Got stomped in my first tournament, but I
 *     wrote down every matchup I lost"): it scores a growth hit "setback
 *     ... but" (resilience, ANSWER_WEIGHT) on its first word, which the
 *     contrast then weighs x1.5.  A clause with a setback of its own is
 *     left to the ordinary contrast, "yet" and "however" count only where
 *     they open a clause, and a "but" that excludes ("nothing but ads",
 *     "all but gone") does not turn.  Other joins (", so", ", and", ";") were
 *     measured and left out: after them a plain clause tells a
 *     consequence as often as an answer ("I'm hopeless with numbers, so I
 *     leave the letters unopened").
 * 22. An item of a list is listed, not told: a negativity hit after a
 *     verb that introduces a list ("include", "includes", "including",
 *     "covers", "covering", "lists", "identifies", "such as"), with no
 *     semicolon, dash or contrast word between, counts x MENTION_FACTOR:
 *     "Side effects of this tablet may include headache, nausea and
 *     dizziness", "the risk register identifies fraud, data loss and
 *     key-person dependency as the top three risks", "the war memorial
 *     lists 63 names from the parish who died".  The list runs over
 *     commas, so every item counts.  Growth items keep their weight (a
 *     course that "includes a work placement" tells progress), and so
 *     does a sentence whose writer speaks of himself (I, me, my, ...:
 *     "my symptoms include panic attacks" is his trouble).  The words are
 *     in listers[] and firsts[].
 * 23. A term defined or named is a term, not a tone: every hit of a
 *     sentence that holds a phrase of definition ("defined as",
 *     "defines", "refers to", "is called" or "are called", "term for",
 *     "slang for", "known as", "simply means", or "the term", "the
 *     word", "the phrase" before an opening quote) counts
 *     x MENTION_FACTOR: "Postpartum hemorrhage is defined as blood loss
 *     of more than 500 milliliters", "the term \"kill criteria\" refers to
 *     the metrics we agreed", "the stretch once known as Dead Man's
 *     Curve".  A plain "means" is left alone (it tells a consequence as
 *     often: "budget cuts mean the observatory will close"), so is "was
 *     called" (a name given once: "he was called a failure"), and so is a
 *     sentence whose writer speaks of himself ("I define failure as not
 *     trying" is a stance).  The phrases are in ts_rule_defined().
 * 24. A change told by its two ends tells progress: a clause anchored in
 *     the past by "ago", then a later clause (after , ; or "and") that
 *     opens on the present ("now", "today", "these days", "this
 *     morning", ...; "now" not before an obligation): "Two years ago I
 *     couldn't keep a betta alive; now my shrimp colony is breeding";
 *     "went", "gone", "grew" or "grown" "from" one end "to" the other in
 *     one clause: "went from stacking shelves to leading the team", "has
 *     grown from six students to forty"; and a count of the present
 *     followed by ", up from" ("Ten pushups today, up from zero in
 *     March").  It scores a growth hit "then ... now" (improvement,
 *     THEN_WEIGHT) on the later end.  A negativity term at or after the
 *     later end makes the change a decline, and a sentence that names a
 *     cost (rule 26) is left alone ("prices went from $3 to $5").  A way
 *     between places is no change: not after "from the", "from one",
 *     "from here" or a capitalised name ("went from Boston to Chicago"),
 *     not to the same word ("from door to door"), and "came from",
 *     "moved from" and "goes from" are not listed.
 * 25. "still" right before a negator tells a lack that lasts past when
 *     it should have ended: "the broken guard still hasn't been
 *     replaced", "I still can't follow a simple conversation", "still no
 *     repair date", "still nobody can tell me".  It scores a negativity
 *     hit "still not" (setback, STILL_WEIGHT) on "still", before rules 11,
 *     12 and 21 look for a setback to answer.  A question still open is
 *     news, not a lack: not before a word of knowing ("it is still not
 *     clear who will chair", "still not known", "still not yet
 *     confirmed").
 * 26. What people pay (rent, prices, fees, fares, dues, charges,
 *     premiums, bills, tuition) followed within five words of its clause
 *     by a word of rise (those of rule 15, and "rise", "increase",
 *     "hiked", ...) that is not denied is bad news for those who pay:
 *     "rents rose 22 percent", "dues will rise 14 percent", "flour prices
 *     have doubled".  It scores a negativity hit "cost ... up" (setback,
 *     COST_WEIGHT) on the rise.  "up to" is a ceiling ("fares of up to
 *     $40"), not a rise; "rates" (of interest, of meteors) and "costs"
 *     and "sales" (told neutrally in market reports) are not listed.
 * 27. A setback told of one's own first attempt is told from after it:
 *     when "my first", "our first" or "your first" ("my very first")
 *     stands in the same clause as a negativity hit that is no topic and
 *     no quoted label ("I botched my first wheel build", "our first batch
 *     of macarons cracked", "I fell thirty times on my first day"), the
 *     "first" scores a growth hit "first ... setback" (resilience,
 *     FIRST_WEIGHT): there were later attempts.  "their first defeat of
 *     the season" and "his first loss" are news of others and are left
 *     alone, and so is "the first failure of the pump".
 * 28. A setback answered by a deed after "so": when a clause opened by
 *     "so" (after a comma or other break) has a subject pronoun within
 *     its first four words followed by a verb in the past ("-ed" or a
 *     common irregular past such as "bought", "took", "spent"; "have" or
 *     "had" may come between), and a negativity hit comes before it, the
 *     deed answers the setback ("cracked two tiles, so I picked up a wet
 *     saw"): it scores a growth hit "setback, so ... did" (resilience,
 *     SO_DEED_WEIGHT) on the verb, or on the subject when the verb is
 *     already a growth hit ("so I reorganized the kitchen").  A clause
 *     with a setback or a negator of its own ("so I missed the bus", "so
 *     we never changed it") and a habit in the present ("so I leave the
 *     letters unopened") do not answer.
 * 29. A rule stated is what the rule is about, not a tone: every hit of a
 *     sentence that states an obligation or a permission ("must" or
 *     "shall" before a verb that is no hit, "should be" before a past
 *     participle that is no hit, "is" or "are" before "required",
 *     "prohibited", "forbidden", "mandatory" or "permitted") counts
 *     x MENTION_FACTOR: "complaints must be submitted in writing to the
 *     league office", "a boat that capsizes must be righted without
 *     outside assistance", "damage to hulls should be reported in the
 *     boat log", "content warnings are required for posts that mention
 *     self-harm".  An exhortation whose verb is itself a hit ("you must
 *     learn from it"), an expectation ("should be quicker"), a past duty
 *     ("must have hurt"), a question ("why should I bother?") and a
 *     sentence whose writer speaks of himself ("I must admit the failure
 *     was total") are left alone, and so is a hit after a later "so", a
 *     purpose that is the writer's point ("near misses should be reported
 *     so the whole team can learn from them").  The words are in
 *     obliges_at().
 * 30. A deed in the past, then "now" in a later clause (after a break or
 *     "and"), in a sentence with no negativity hit, tells what the deed
 *     led to: "Maya started as a customer last spring and now runs our
 *     Saturday brake clinic", "Dana shadowed the floor manager for a month
 *     and now runs the shift on her own".  It scores a growth hit "did
 *     ... now" (improvement, DEED_NOW_WEIGHT) on "now".  The deed is the
 *     first verb in the past ("-ed" or a common irregular past, as in
 *     rule 28).  "now" that tells a moment or a plan ("right now", "for
 *     now", "until now", "will now take place"), "now" before an
 *     obligation ("now I have to"), a negator after it in its clause
 *     ("and now I can't find a buyer") and "now" already in a hit are
 *     passed over; a "now" in the deed's own clause ("the minimum
 *     supported version is now 3.9") tells no sequel.
 * 31. An achievement told by a first or a record, in a sentence with no
 *     negativity hit: a verb in the past before "my", "our", "his",
 *     "her" or "their" "(very) first" ("Linda wrote her first birthday
 *     card", "we closed our first enterprise customer", "made my first
 *     contact with Japan"), or "a record" before a number or "a new
 *     record" ("nests hit a record 1,312 this season").  It scores a
 *     growth hit "did ... first" or "a record" (achievement,
 *     FIRST_DEED_WEIGHT).  A first with no deed ("spend their first week
 *     riding with veterans") and a record kept ("a record of visits",
 *     "the record lists") are passed over; a setback in the sentence
 *     leaves the first to rule 27.
 * 32. A deed after an opening clause of time: when a sentence opens with
 *     a clause of time that names a setback (rule 14: "after", "when",
 *     "once", "following", cut off by a comma), and its main clause has no
 *     negativity hit of its own and a verb in the past (as in rule 28)
 *     within its first OPENER_DEED_SPAN words, someone did something about
 *     the setback: "After the botched rollout of the benefits portal, the
 *     department brought in claimants to test every new screen", "After
 *     our third huge fight about chores, we made a shared list".  The verb
 *     scores a growth hit "after setback, did" (resilience,
 *     OPENER_DEED_WEIGHT), or its clause's first word when the verb is
 *     already a hit.  Rule 14 weighs it x1.5 with the main clause.  A
 *     participle after "was", "were", "been" or "got" tells a state ("were
 *     left waiting months for repairs"), a negator in the main clause a lack
 *     ("nobody came", "wrote that nobody cared"), a verb before "that"
 *     words reported ("said that the airline owed her"), a verb before
 *     "down", "out", "away" or "off" a withdrawal the setback forced
 *     ("the chief executive stepped down"): none scores, and a main clause with no verb in the past ("I may have
 *     to close the studio by summer") tells a consequence.
 * 33. A setback named as the cause of what is better: "why" or "how"
 *     after "is", "was" or a "'s" form ("that's how", "it's why"), with a
 *     negativity hit before it and none after it, tells that the setback
 *     led to the result: "that mistake is why this budget has a 15 percent
 *     contingency", "the paint dried streaky and looked awful, and that's
 *     how I found out about primer".  It scores a growth hit "setback ...
 *     is why" (resilience) on "why" or "how", of RESULT_WEIGHT or of the
 *     largest setback before it plus RESULT_MARGIN if that is more, as
 *     rule 20 does: the result outweighs its cause.  A result that is a
 *     setback itself ("that failure is why the team feels hopeless") and
 *     "why" not after a form of "be" ("nobody knows why it failed") are
 *     left alone.
 * 34. A procedure told in the passive is what is handled, not a tone:
 *     every hit of a sentence with "is", "are" or "will be", then at most
 *     one adverb in -ly, then a past participle that is no hit, then a
 *     word that tells where, when, by whom or how often ("by", "on",
 *     "at", "every", "within", "quarterly", "automatically", a day or an
 *     hour of rule 17) counts x MENTION_FACTOR: "Damaged items are
 *     recorded on form D-4", "the tornado siren is tested at noon on the
 *     first Wednesday", "results, including wins and losses, are posted
 *     on the club site", "the winner will be announced on Sunday".  News
 *     of a harm is told in the past ("the town was bombed in 1944"), a
 *     person's lot after a subject pronoun ("they are ignored at every
 *     meeting"), and neither counts; nor does a passive with nothing after
 *     it ("the sessions are packed"), "down" ("complaints are down by
 *     half"), a question, a sentence whose writer speaks of himself, or a
 *     hit after a later "so" (as in rule 29).  The words are in bes[],
 *     adjuncts[] and irregular_participles[].
 * 35. A sentence that opens by naming the field it speaks in ("In
 *     hockey, a hat trick means one player scoring three goals", "In the
 *     tabletop version a character dies when their hit points reach
 *     negative ten", "In comedy slang, to \"kill\" is to do very well")
 *     uses its loaded words as the field's terms: every hit counts
 *     x MENTION_FACTOR.  The field is the word after "in" and an optional
 *     determiner; it may not be a time ("In 2019", "In March", "In the
 *     end", "In recent years"), a person's ("In his final letters"), or a
 *     phrase of discourse ("In fact", "In short"), and the words up to the
 *     first break (at most four) may hold no hit ("In the crash, two
 *     people died").  A sentence whose writer speaks of himself is his
 *     own.  The words are in not_fields[].
 * 36. A future denied for good: "never will" with nothing after it but
 *     "be" ("and they never will", "the rest of us never will", "isn't
 *     academic and never will be"), or the writer's own "I'll never", "I
 *     will never" or "I'm never going to" opening a clause ("I'll never be
 *     a real pastry chef", "I'll never have a palate", ", I'll never
 *     manage brass kits again"), tells an ability or a change given up as
 *     out of reach.  It scores a negativity hit "never will"
 *     (fixed-ability, NEVER_WEIGHT) on "never".  A relative clause ("a
 *     lesson I'll never forget", "a fund I'll never let drop") keeps a
 *     memory or a resolve, a "never" right before a hit ("I'll never give
 *     up") is its negator, and a "never" already in a hit is left to it.
 * 37. A trait claimed of a group as inborn: a sentence that opens on
 *     "some" and a group (a plural, "people", "folk", or "some of us",
 *     "of you", "of them"; after an opening word such as "Honestly,")
 *     with, within TRAIT_SPAN words of its clause, "just", "simply",
 *     "born", "natural", "naturally", "built" or "wired" ("Some students
 *     simply lack the aptitude", "Some folks are born stockmen"), or with
 *     a later "one of them", "the rest of us" or "some" before a negator
 *     ("Some people have a feel for the wind, and I'm clearly not one of
 *     them", "and some aren't"), says that ability is given, not grown.
 *     It scores a negativity hit "some are just" (fixed-ability,
 *     TRAIT_WEIGHT) on "some".  A span of time ("Some days I ...", "Some
 *     nights") is no group, a group that does something ("Some readers
 *     asked about ...") claims no trait, and a group already in a phrase
 *     of the lexicon ("some people are just") is left to it.
 * 38. A mark of futility denies the growth terms of its clause after it:
 *     "what's the point", "what is the point", "see the point" or "no
 *     point" ("What's the point of studying when the exam just rewards
 *     whoever memorised the slides?"), "no amount of" ("no amount of
 *     practice will fix that"), "no longer" ("people no longer bother
 *     speaking up", "we no longer have the people or the time to support
 *     this platform") and a "why" that opens a sentence or a clause, or
 *     follows a clause-opening "so" or "and", and asks outright, with no
 *     subject right after it ("Why even plan fun activities when ...",
 *     "so why try"; not "and why I think it matters").  Such a growth hit
 *     up to FUTILE_SPAN words on is negated, as a negator would (x0.74 to
 *     negativity).  "the point guard", "the point at which", "why" after
 *     a verb of knowing ("nobody knows why", "asked why") and a growth hit
 *     with a negativity hit between it and the mark (rule 6) are left
 *     alone, unless the mark is inside that hit ("no longer bother").
 * 39. A statement about a kind of thing, hedged as such statements are
 *     by "usually", "typically", "generally" or "commonly", uses its
 *     loaded words for what the kind does or suffers: every hit counts
 *     x MENTION_FACTOR.  "Adult cats generally need about 20 to 30
 *     calories", "A statement of work typically lists deliverables,
 *     deadlines and the number of included revisions", "The penalty for
 *     late filing is generally 5% of the unpaid tax".  The adverb must
 *     come before any semicolon, dash, question mark or contrast word
 *     (after them it hedges an answer: "Progress is rarely dramatic; it
 *     usually looks like showing up again tomorrow"), and a writer who
 *     speaks of himself or of "we" tells a habit or a promise ("I
 *     usually leave after ten minutes", "we can usually catch your child
 *     up").  The words are in generics[].
 * 40. A work whose contents are told uses its loaded words as its
 *     matter: every hit of a sentence counts x MENTION_FACTOR when a
 *     work, a document or a game ("lesson", "column", "handout", "map",
 *     "expansion", "version", ...) is followed, within four words and in
 *     the sentence's first clause, by a verb in the present that tells
 *     what it holds ("covers", "explores", "tells", "answers", "adds",
 *     "looks at", "breaks down", ...): "This week's history lesson
 *     covers the causes of the First World War, including the
 *     assassination of Archduke Franz Ferdinand", "The worksheet on
 *     natural disasters covers earthquakes, floods and hurricanes",
 *     "Version 4.2 adds support for landscape mode".  A work in a later
 *     clause is the writer's news ("..., and the latest patch adds
 *     exactly the options players asked for"), a verb after "of" or
 *     before a break is a noun ("forty pages of notes", "Patch notes:"),
 *     and a sentence whose writer speaks of himself is his own story.
 *     "shows" is left out ("this chapter book shows kids that asking for
 *     help is a strength").  The words are in contents[] and
 *     containers[].
 * 41. A sentence that opens on sarcasm denies its praise: a word of praise
 *     or delight (great, good, wonderful, lovely, fantastic, perfect, ...)
 *     that opens the sentence, after at most an "Oh", "Ah", "Well",
 *     "Yeah", "Wow" or "Just", and that a break cuts off, followed by
 *     "another" or "yet another" ("Great, another meeting that could have
 *     been an email"), by "more" with no growth hit after it ("Perfect,
 *     more rain"), or by a negativity hit that no negator denies and no
 *     growth hit follows ("Lovely, the power's gone out with twenty
 *     minutes left"), or a praise word inside a sarcastic phrase of the
 *     lexicon ("Oh great", "Oh wonderful", "Great, another", which the
 *     lexicon already scores as criticism), makes every growth hit from the
 *     praise word on negated, as a negator would (x0.74 to negativity):
 *     "Oh great, another \"improvement\" that moves every button I use into
 *     a menu I can't find", "Great, another \"temporary\" detour that will
 *     outlast the mayor's term".  A contrast word between the opener and
 *     a hit ends its reach.  Praise with no setback after it ("Great,
 *     thanks for the help", "Oh good, you made it", "Wonderful, let's
 *     start"), praise that opens a phrase ("Great news: the clinic
 *     reopens"), a setback denied ("Great, no more delays") and relief
 *     after a setback ("Great, the bug that crashed the app is fixed") are
 *     left alone.  The words are in praises[].
 * 42. A change dated after a setback: as rule 11 does with its words of
 *     time, after the last setback of a sentence a clause that opens on
 *     "starting" before a day of rule 17, "next", "this", "in" or "today"
 *     ("We heard the criticism about slow callbacks, and starting Monday
 *     every report gets a follow-up within 48 hours"; "; starting next
 *     week, every drill will include a communications officer"), or on
 *     "within" before an amount and a span of time ("and within a month
 *     the ward was handing out earplugs"; ": within a week MFA was
 *     mandatory"), tells the change made: it scores a growth hit
 *     "setback ... starting" (resilience, TURN_WEIGHT) on the word.  The
 *     clause opens after a break or after "and", "but", "so" or "then".
 *     Inside a clause the words only time the setback or the deed ("Budget
 *     cuts will eliminate weekend service starting in April", "it cracks
 *     within a month", "changed suppliers within a week") and are passed
 *     over.  One hit of rules 11 and 42 a sentence: the first word after
 *     the last setback that qualifies.
 * 43. A harm told by its result: a participle of result ("leaving",
 *     "forcing", "stranding", "trapping", "ending", "breaking",
 *     "displacing", "cutting off") that opens a clause after a comma and
 *     takes an object, opened by a number, a determiner, a possessive, a
 *     pronoun or a quantity ("hundreds", "both"), tells what an event did
 *     to those it reached: "Armed groups blocked the river crossing,
 *     cutting off 20,000 people from food deliveries", "The maternity
 *     unit is closing in March, leaving the nearest hospital ninety
 *     minutes away", "Our mast snapped just after the start, ending our
 *     season before it began".  It scores a negativity hit ", leaving
 *     ..." (harm, RESULT_HARM_WEIGHT) on the participle, before rules 11,
 *     12 and 21 look for a setback to answer.  A participle with no
 *     object is an adjective or a list item ("deprecations, breaking
 *     changes, and security fixes"), one with no comma before it is the
 *     main verb ("the bus was leaving"), and one already in a hit is left
 *     to it.  A result in sport or in sums ("ended in a draw, leaving both
 *     clubs tied") reads as harm too: a known miss.  The words are in
 *     resultings[] and object_starts[].
 * 44. A provision cut: a verb of cutting ("cut", "slashed", "axed",
 *     "scrapped", "rescinded", "cancelled", "eliminated", "halved", ...)
 *     whose object within five words of its clause, or in the passive
 *     ("was cut", "is being cut", "were quietly rescinded") whose subject
 *     within six words before the auxiliary, is something people rely on
 *     (funding, a budget, a grant, a service, a program, classes, jobs,
 *     positions, seats, staff, pay, benefits, ...) tells a loss to those
 *     who relied on it: "The district cut our transportation budget",
 *     "Harlow Steel will cut 1,200 jobs", "Funding for the postdoc
 *     position was cut".  It scores a negativity hit "provision cut"
 *     (setback, PROVISION_CUT_WEIGHT) on the verb, before rules 11, 12
 *     and 21, so a reframe's answer ("When our main grant was cut,
 *     volunteers started a giving circle") has its setback.  Cutting a
 *     cost, a harm or the hours a task takes is good news, so only
 *     provisions count ("hours", "costs" and "routes" are not listed);
 *     a verb denied within the three words before it ("did not cut") or
 *     already in a hit is left alone.  The words are in cuttings[] and
 *     provisions[].
 * 45. A success denied: a negator of the past ("didn't", "couldn't",
 *     "wasn't", "weren't", "hadn't", or "not" after "did", "could", "was",
 *     "were" or "had") right before a verb of success or attainment (get,
 *     make, win, pass, finish, save, land, work, manage, use, find,
 *     qualify, reach, earn, complete, answer, ...), perhaps past an adverb
 *     ("couldn't even finish", "didn't quite make it"), names a shortfall
 *     that no negative word tells: "I didn't get the part I wanted", "We
 *     could not save him", "the previous approach was not working".  It
 *     scores a negativity hit "success denied" (setback,
 *     SUCCESS_DENIED_WEIGHT) on the negator, before rules 11, 12, 21, 28
 *     and 32 look for a setback to answer ("We could not save him, but the
 *     scholarship in his name has already sent eleven kids to nursing
 *     school" is a reframe).  A negator that already denies a hit within
 *     its reach is left to it ("didn't get hurt", "didn't get the
 *     promotion"), and so is a verb already in a hit ("didn't win"); a
 *     negator in a clause of condition ("if", "unless", "whether",
 *     "until": "If you couldn't finish all the reps today, that's fine")
 *     supposes a shortfall and is passed over.  "never" tells what was not
 *     done rather than not achieved ("someone who'd never made puff
 *     pastry") and is not listed.  The verbs are in attains[].
 * 46. A success withheld: the same verbs after "can't", "cannot",
 *     "won't", "wouldn't", "haven't" or "hasn't" (or "not" after "can",
 *     "will", "would", "has", "have") tell an inability, a refusal or a
 *     wait that lasts: "now I can't even find a buyer", "the salon won't
 *     even answer my emails", "haven't answered their phones since".  It
 *     scores a negativity hit "success withheld" (setback,
 *     SUCCESS_DENIED_WEIGHT) on the negator, with rule 45's exceptions
 *     and after rule 25's "still" ("still can't find", scored there).
 *     "don't", "doesn't", "isn't" and "aren't" tell habits, instructions
 *     and what a thing is made for ("Don't use bleach", "the adapter
 *     doesn't work with older models") and are not listed.
 * 47. A later state dated "by" a point in time tells how far things had
 *     come by then: "by" before a month, a season, a day of the week,
 *     "then", "now", "the end", "the time", "the" and an order ("the
 *     third", "the last") or a span and its count ("day three", "week
 *     6"), when it opens a later clause (after a break or "and": "In June
 *     Sam could barely float; by August he was diving for rings in the
 *     deep end", "the junior fleet spent the week drilling roll tacks, and
 *     by Friday even the youngest sailors were nailing them"), or when
 *     it ends its clause after an earlier point told with "in" or "on"
 *     ("Kids who clung to the wall in June are jumping off the diving
 *     board by August").  It scores a growth hit "then ... by"
 *     (improvement, BY_TIME_WEIGHT) on "by".  A deed dated with no earlier
 *     point ("return the forms by Friday"), a plan or a wish in the clause
 *     ("will", "should", "hope", "expect", "'ll", ...: "we hope to harvest
 *     by August"), an end reached that the lexicons leave neutral as news
 *     ("closed", "shut", "gone", "left", "died", "quit", "stopped", ...:
 *     "by August the bakery had closed"), a negativity hit at or after
 *     "by" ("by August they were exhausted") and a negator after it ("by
 *     June nobody had answered") are passed over.  The words are in
 *     bys[], points[] and planned_or_ended().
 * 48. A harm whose existence is denied: when every hit of a sentence is a
 *     negativity term (not an act of quitting) that a negator of existence
 *     denies ("no", "no one", "nobody", "none", "nothing", "neither",
 *     "nor"), the sentence reports that nothing bad happened, the register
 *     of incident reports and notices: "No one was injured during Monday's
 *     scheduled fire drill", "No animals were harmed", "so there is no
 *     need to evacuate".  Its hits count x MENTION_FACTOR and name no
 *     setback for rule 4.  A denial by a verb ("I didn't regret it", "not a
 *     disaster, just a map of what I need to drill", "I'm never shy about
 *     asking") is a stance and keeps its weight, and so does a sentence
 *     with any other hit.  The negators are in denies_existence().
 *
 * 49. The writer's own answer: after a negativity hit, a later clause
 *     (after ", and", ";", ", then" or a comma) opened by "I" or "we"
 *     ("I've", "we've"; after "and", "then" or "now"), whose verb within
 *     two words is in the past or the present perfect ("-ed" or a common
 *     irregular past, as in rule 28), with no negativity hit and no
 *     negator of its own and at least OWN_ANSWER_MIN_WORDS words from the
 *     subject, tells what the writer did about the setback: "The
 *     examiner's debrief was brutal, and I've pinned her notes above my
 *     desk", "the harsh reviews stung for a day, then I booked three
 *     sessions".  It scores a growth hit "setback, and I did"
 *     (resilience, OWN_ANSWER_WEIGHT) on the verb.  A verb of repair is
 *     left to rule 12, a thought reported ("I've accepted that ...") and a
 *     place stayed in ("I sat in my car") are no deed, and a short notice
 *     ("and we have notified regulators") tells no answer.
 *
 * Of several contrast words the last one counts, as before. */
#include "scorer_impl.h"

#include <math.h>
#include <string.h>

#include "alloc.h"

ts_scorer *ts_scorer_new(const ts_lexicon *lex, ts_memo *memo)
{
    ts_scorer *s = ts_calloc(1, sizeof *s);
    if (!s) return NULL;
    s->lex = lex;
    s->memo = memo;
    if (!(s->classes = ts_word_classes_new())) {
        ts_scorer_free(s);
        return NULL;
    }
    return s;
}

void ts_scorer_free(ts_scorer *s)
{
    if (!s) return;
    ts_tokens_free(&s->tokens);
    ts_free(s->info);
    ts_free(s->roles);
    ts_free(s->pending);
    ts_free(s->hits);
    ts_buf_free(&s->strings);
    ts_word_classes_free(s->classes);
    ts_free(s);
}

static int reserve_tokens(ts_scorer *s, size_t n)
{
    if (n <= s->cap) return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n) cap *= 2;
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
    ts_word_info **info = ts_realloc(s->info, cap * sizeof *info);
    if (!info) return -1;
    s->info = info;
    role *roles = ts_realloc(s->roles, cap * sizeof *roles);
    if (!roles) return -1;
    s->roles = roles;
    s->cap = cap;
    return 0;
}


/* Rule 19 of the header: "not" before "only" or "just" opens an addition
 * ("not only replaced it but explained why"), not a denial. */
static int not_only(const ts_scorer *s, const ts_word_info *w, size_t i)
{
    if (w->modifier->modifier != TS_MOD_NEGATOR || !ts_streq(w->word, "not") ||
        i + 1 >= s->tokens.n || (s->tokens.v[i + 1].flags & TS_TOK_BREAK))
        return 0;
    const ts_word_info *next = s->info[i + 1];
    return next && (ts_streq(next->word, "only") || ts_streq(next->word, "just"));
}


int ts_scorer_add_hit(ts_scorer *s, const char *text, const ts_entry *e,
                   ts_dimension dim, size_t first, size_t n)
{
    if (s->n_hits == s->hits_cap) {
        size_t cap = s->hits_cap ? s->hits_cap * 2 : 16;
        pending_hit *p = ts_realloc(s->pending, cap * sizeof *p);
        if (!p) return -1;
        s->pending = p;
        ts_hit *h = ts_realloc(s->hits, cap * sizeof *h);
        if (!h) return -1;
        s->hits = h;
        s->hits_cap = cap;
    }
    const ts_token *a = &s->tokens.v[first];
    const ts_token *b = &s->tokens.v[first + n - 1];
    pending_hit *ph = &s->pending[s->n_hits];
    memset(ph, 0, sizeof *ph);
    ph->text_off = s->strings.len;
    if (ts_buf_append(&s->strings, text + a->off, b->off + b->len - a->off) ||
        ts_buf_putc(&s->strings, '\0'))
        return -1;
    ph->hit.term = e->term;
    ph->hit.key = e->key;
    ph->hit.category = e->category;
    ph->hit.entry_dim = dim;
    ph->hit.dim = dim;
    ph->hit.base_weight = e->weight;
    ph->hit.weight = e->weight;
    ph->hit.word = first;
    ph->hit.words = n;
    for (size_t k = first; k < first + n; k++) {
        s->roles[k].in_hit = 1;
        s->roles[k].hit_dims |= 1u << dim;
    }
    s->n_hits++;
    return 0;
}

/* Moves the last pending hit back to keep hits in sentence order. */
void ts_scorer_sort_last_hit(ts_scorer *s)
{
    for (size_t k = s->n_hits - 1;
         k > 0 && s->pending[k - 1].hit.word > s->pending[k].hit.word; k--) {
        pending_hit t = s->pending[k];
        s->pending[k] = s->pending[k - 1];
        s->pending[k - 1] = t;
    }
}

/* A record for "no next word" (the sentence's end, or a number): its
 * filter bits are 0, so it continues no phrase. */
static const ts_word_info no_next_word;

/* Length of the longest phrase of list matching the tokens at i, whose
 * second is word (the list's filter of second words said it may be);
 * stems (scoring) or folded words (modifiers) are compared.  *which gets
 * it. */
static size_t match_phrase(const ts_scorer *s, const ts_lex_phrases *list,
                           const char *word, size_t i, int by_stem,
                           const ts_lex_phrase **which)
{
    for (size_t k = 0; k < list->n; k++) {
        const ts_lex_phrase *ph = &list->v[k];
        if (ph->second != word || i + ph->n > s->tokens.n) continue;
        size_t j = 2; /* the list is that of the first word; the second
                         matched */
        for (; j < ph->n; j++) {
            const ts_word_info *w = s->info[i + j];
            /* interned words: equal strings are the same pointer */
            if (!w || (by_stem ? w->stem_in_phrases : w->word_in_phrases) !=
                          ph->words[j])
                break;
        }
        if (j == ph->n) {
            *which = ph;
            return ph->n;
        }
    }
    return 0;
}

static void set_role(ts_scorer *s, size_t i, const ts_entry *e)
{
    role *r = &s->roles[i];
    if (e->modifier == TS_MOD_CONTRAST) s->contrasts = 1;
    r->kind = e->modifier;
    r->value = e->weight;
    r->word = e->term;
}

/* The classes of the words after the first of a phrase matched at i of
 * len words (all words: phrases hold no numbers). */
static ts_wclass phrase_classes(const ts_scorer *s, size_t i, size_t len)
{
    ts_wclass c = 0;
    for (size_t k = i + 1; k < i + len; k++) c |= word_classes(s, s->info[k]);
    return c;
}

/* Finds hits and modifier roles, left to right, longest match first.
 * Gathers s->sentence_classes on the way, which the rules read: a loop of
 * its own cost as much as this one's visit to each word. */
static int match(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    ts_wclass all = 0;
    for (size_t i = 0; i < n;) {
        const ts_word_info *w = s->info[i];
        if (!w) {
            i++;
            continue;
        }
        /* the word's classes once: they are asked up to three times */
        ts_wclass wc = word_classes(s, s->info[i]);
        all |= wc;
        if (wc & WC_INERT) {
            i++;
            continue;
        }
        const ts_lex_phrase *lp = NULL, *mp = NULL;
        size_t ll = 0, ml = 0;
        const ts_word_info *next = i + 1 < n ? s->info[i + 1] : NULL;
        const ts_word_info *filtered = next ? next : &no_next_word;
        /* every phrase has a second word, and the filter of the lists'
         * second words rules out most next words without a look at the
         * lists: one test for both lists, as most words start neither
         * (`next` is tested too, though the filter rules it out when
         * NULL, for the readers who do not know that: it is nearly
         * always there, so the test costs no misprediction) */
        uint64_t go_on = w->phrase_seconds & filtered->stem_bit;
        uint64_t mod_go_on = w->mod_seconds & filtered->word_bit;
        if (next && (go_on | mod_go_on)) {
            if (go_on)
                ll = match_phrase(s, w->phrases, next->stem_in_phrases, i, 1,
                                  &lp);
            if (mod_go_on)
                ml = match_phrase(s, w->mod_phrases, next->word_in_phrases,
                                  i, 0, &mp);
        }
        if (ll >= 2 && ll >= ml) {
            if (ts_scorer_add_hit(s, text, lp->entry, lp->entry->dim, i, ll)) return -1;
            all |= phrase_classes(s, i, ll);
            i += ll;
            continue;
        }
        if (ml >= 2) {
            for (size_t k = i; k < i + ml; k++) set_role(s, k, mp->entry);
            all |= phrase_classes(s, i, ml);
            i += ml;
            continue;
        }
        if (w->modifier && w->modifier->modifier == TS_MOD_BOOSTER &&
            (i == 0 || (s->tokens.v[i].flags & TS_TOK_BREAK)) &&
            (wc & WC_LINK)) {
            /* rule 8: a clause that starts with "so" is a consequence,
             * not an intensified word ("..., so I practised") */
        } else if (w->modifier) {
            /* rule 19: "not only ... but" is an addition, no denial */
            if (!not_only(s, w, i)) set_role(s, i, w->modifier);
        } else if (wc & WC_NT) {
            s->roles[i].kind = TS_MOD_NEGATOR;
            s->roles[i].word = w->word;
        } else {
            for (int d = 0; d < 2; d++) {
                const ts_entry *e = w->alone[d];
                if (e && ts_scorer_add_hit(s, text, e, (ts_dimension)d, i, 1)) return -1;
            }
        }
        i++;
    }
    s->sentence_classes = all;
    return 0;
}

/* Rule 3 of the header: does this contrast word concede? */
static int is_concessive(const char *term)
{
    static const char *const words[] = {"although", "though", "even though",
                                        "despite", "in spite of", "whereas",
                                        "even if", "albeit", "i used to",
                                        "we used to", "you used to",
                                        "he used to", "she used to",
                                        "they used to", NULL};
    for (size_t k = 0; words[k]; k++)
        if (ts_streq(term, words[k])) return 1;
    return 0;
}

/* Boosters and dampeners count less the further back they stand. */
static double decay(size_t distance)
{
    return distance <= 1 ? 1.0 : distance == 2 ? 0.95 : 0.9;
}

/* Where contrast weighting applies: hits in [lo, hi) count x0.5, all
 * others x1.5.  For "X but Y" lo = 0 and hi = the contrast word. */
typedef struct contrast_span {
    int active;
    size_t lo, hi;     /* the de-emphasised words */
    size_t word;       /* the contrast word itself: neither */
    double before, after;
} contrast_span;

#define LINK_BEFORE 0.5
#define LINK_AFTER 1.5

/* Rule 8 of the header: with no contrast word, the last clause joined by
 * ", and", ", so" or ", which" carries more of the weight. */
/* Is the clause break before token i a semicolon? */
static int semicolon_before(const ts_scorer *s, const char *text, size_t i)
{
    const ts_token *prev = &s->tokens.v[i - 1];
    const char *from = text + prev->off + prev->len;
    return memchr(from, ';', (size_t)(text + s->tokens.v[i].off - from)) != NULL;
}

static contrast_span find_link(const ts_scorer *s, const char *text)
{
    contrast_span c = {0, 0, 0, 0, TS_CONTRAST_BEFORE, TS_CONTRAST_AFTER};
    size_t n = s->tokens.n;
    if (n < 3) return c;
    if (!(s->sentence_classes & WC_LINK)) {
        /* no link word: only a semicolon can join the clauses */
        const ts_token *first = &s->tokens.v[0], *last = &s->tokens.v[n - 1];
        if (!memchr(text + first->off, ';', last->off - first->off)) return c;
    }
    for (size_t i = n - 2; i > 0; i--) {
        if (!(s->tokens.v[i].flags & TS_TOK_BREAK)) continue;
        int semicolon = semicolon_before(s, text, i);
        if (!semicolon &&
            (s->roles[i].in_hit || s->roles[i].kind != TS_MOD_NONE))
            continue;
        ts_word_info *w = s->info[i];
        if (!semicolon && (!w || !(word_classes(s, w) & WC_LINK))) continue;
        /* only a turn between two scored clauses is weighed */
        int before = 0, after = 0;
        for (size_t k = 0; k < n; k++)
            if (s->roles[k].in_hit) {
                if (k < i) before = 1;
                else after = 1;
            }
        if (!before || !after) break;
        c.active = 1;
        c.lo = 0;
        c.hi = i;
        c.word = semicolon ? n : i;   /* after ';' the first word may score */
        c.before = LINK_BEFORE;
        c.after = LINK_AFTER;
        break;
    }
    return c;
}

/* Rule 14 of the header: a sentence that opens with a clause of time
 * ("After the outage, ...", "When the readers crashed, ...") concedes it
 * like "although": the clause counts x0.5, the rest x1.5. */
static contrast_span find_time_clause(const ts_scorer *s)
{
    contrast_span c = {0, 0, 0, 0, TS_CONTRAST_BEFORE, TS_CONTRAST_AFTER};
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_OPENER) || !s->info[0] ||
        s->roles[0].in_hit || !(s->info[0]->classes & WC_OPENER))
        return c;
    size_t end = 1;
    while (end < n && !(s->tokens.v[end].flags & TS_TOK_BREAK)) end++;
    if (end + 1 >= n) return c; /* no main clause after it */
    /* only a clause that names a setback is conceded ("Once I started
     * treating errors as a helpful colleague, ..." is no setback) */
    int setback = 0;
    for (size_t h = 0; h < s->n_hits; h++)
        if (s->pending[h].hit.entry_dim == TS_NEGATIVITY &&
            s->pending[h].hit.word < end)
            setback = 1;
    if (!setback) return c;
    c.active = 1;
    c.word = 0;
    c.lo = 0;
    c.hi = end;
    return c;
}

static contrast_span find_contrast(const ts_scorer *s, const char *text)
{
    contrast_span c = {0, 0, 0, 0, TS_CONTRAST_BEFORE, TS_CONTRAST_AFTER};
    size_t n = s->tokens.n;
    /* most sentences have no contrast word: no walk over their roles */
    for (size_t i = 0; s->contrasts && i < n; i++) {
        const role *r = &s->roles[i];
        if (r->kind != TS_MOD_CONTRAST || r->in_hit) continue;
        /* a multi-word contrast covers several tokens with one role */
        size_t last = i;
        while (last + 1 < n && s->roles[last + 1].kind == TS_MOD_CONTRAST &&
               s->roles[last + 1].word == r->word && !(s->tokens.v[last + 1].flags & TS_TOK_BREAK))
            last++;
        if (last + 1 >= n) break;        /* rule 2: nothing follows it */
        c.active = 1;
        c.word = i;
        /* a "though" that follows its main clause after a comma turns
         * like "but" ("the drought was brutal, though it pushed us to
         * mulch") */
        int turn = r->word && ts_streq(r->word, "though") && i > 0 &&
                   (s->tokens.v[i].flags & TS_TOK_BREAK);
        if (r->word && !turn && is_concessive(r->word)) {
            size_t end = last + 1;
            while (end < n && !(s->tokens.v[end].flags & TS_TOK_BREAK)) end++;
            c.lo = i;
            c.hi = end;
        } else {
            c.lo = 0;
            c.hi = i;
        }
        i = last;
    }
    if (!c.active && n > 2) {
        contrast_span t = find_time_clause(s);
        return t.active ? t : find_link(s, text);
    }
    return c;
}

/* Rule 4 of the header: does this hit name a setback it denies? */
static int names_setback(const ts_hit *h)
{
    return (h->flags & TS_HIT_NEGATED) && h->entry_dim == TS_NEGATIVITY &&
           !(h->category && ts_streq(h->category, QUITTING));
}

/* Applies the modifier rules to one hit.  Returns 1 when the hit is part
 * of a name (rule 13): it keeps its small weight but names no setback for
 * a reframe.  (A topic of rule 5 still does: its frames are looser, and
 * "an essay came back covered in red ink" is a setback.) */
static int adjust(ts_scorer *s, ts_hit *h, const contrast_span *c,
                   const char *text, int *titled)
{
    const ts_token *tok = s->tokens.v;
    double w = h->base_weight;
    int negated = 0;
    const char *phrase = NULL;   /* a multi-word modifier counts once */
    int blocked = 0;             /* rule 6: a nearer hit of the other side */
    /* look back over at most TS_MODIFIER_WINDOW words of the same clause */
    for (size_t j = h->word; j > 0 && h->word - (j - 1) <= TS_MODIFIER_WINDOW;
         j--) {
        if (tok[j].flags & TS_TOK_BREAK) break;
        const role *r = &s->roles[j - 1];
        size_t distance = h->word - (j - 1);
        if (r->in_hit) {
            if (r->hit_dims & ~(1u << h->entry_dim)) blocked = 1;
            continue;
        }
        if (r->word && r->word == phrase) continue;
        if (r->word && strchr(r->word, ' ')) phrase = r->word;
        switch (r->kind) {
        case TS_MOD_NEGATOR:
            if (!negated && !blocked) {
                negated = 1;
                h->negator = r->word;
            }
            break;
        case TS_MOD_BOOSTER:
            w += r->value * decay(distance);
            h->flags |= TS_HIT_BOOSTED;
            if (!h->intensifier) h->intensifier = r->word;
            break;
        case TS_MOD_DAMPENER:
            w -= r->value * decay(distance);
            h->flags |= TS_HIT_DAMPENED;
            if (!h->intensifier) h->intensifier = r->word;
            break;
        default:
            break;
        }
    }
    if (negated && ts_rule_comparative_follows(s, h)) {
        negated = 0;
        h->negator = NULL;
    }
    if (!negated && !blocked) {
        const char *raised = ts_rule_raised_negator(s, h);
        if (raised) {
            negated = 1;
            h->negator = raised;
        }
    }
    if (!negated) {
        const char *futile = ts_rule_futile_scope(s, h);
        if (futile) {
            negated = 1;
            h->negator = futile;
        }
    }
    if (!negated) {
        const char *sarcasm = ts_rule_sarcastic_opener(s, h);
        if (sarcasm) {
            negated = 1;
            h->negator = sarcasm;
        }
    }
    if (!negated) {
        const char *fall = ts_rule_harm_falls(s, h);
        if (fall) {
            negated = 1;
            h->negator = fall;
        }
    }
    if (w < 0.05) w = 0.05;
    if (s->tokens.mixed_case) {
        for (size_t k = h->word; k < h->word + h->words; k++)
            if (tok[k].flags & TS_TOK_CAPS) {
                w += TS_CAPS_BONUS;
                h->flags |= TS_HIT_CAPS;
                break;
            }
    }
    if (negated) {
        h->flags |= TS_HIT_NEGATED;
        h->dim = h->entry_dim == TS_GROWTH ? TS_NEGATIVITY : TS_GROWTH;
        w *= TS_NEGATION_FACTOR;
    }
    if (c->active && h->word != c->word) {
        if (h->word >= c->lo && h->word < c->hi) {
            w *= c->before;
            h->flags |= TS_HIT_BEFORE_CONTRAST;
        } else {
            w *= c->after;
            h->flags |= TS_HIT_AFTER_CONTRAST;
        }
    }
    const char *frame = ts_rule_mention_frame(s, h);
    if (!frame) frame = ts_rule_on_timetable(s, h);
    if (!frame) frame = ts_rule_quoted_label(s, h, text);
    if (!frame) frame = ts_rule_listed(s, h, text);
    if (!frame) frame = ts_rule_defined(s, h, text);
    if (!frame) frame = ts_rule_stated(s, h, text);
    if (!frame) frame = ts_rule_procedure(s, h, text);
    if (!frame) frame = ts_rule_in_field(s, h);
    if (!frame) frame = ts_rule_generic(s, h, text);
    if (!frame) frame = ts_rule_contents(s, h);
    if (frame) {
        w *= MENTION_FACTOR;
        h->flags |= TS_HIT_DAMPENED;
        if (!h->intensifier) h->intensifier = frame;
    }
    int name = ts_rule_in_name(s, h, text, titled);
    if (name) {
        w *= TS_NAME_FACTOR;
        h->flags |= TS_HIT_NAME;
    }
    h->weight = w;
    return name;
}

/* The rules that read the whole sentence, in order (each may add hits and
 * change roles the next ones read).  Each asks first for word classes the
 * sentence must have, and returns 0 without them; asked here, before the
 * call, they spare most sentences most of the calls (23 calls a sentence
 * were 4% of the instructions).  The classes are read again for each: a
 * rule's own test stays the one that counts. */
#define NEEDS_ANY(classes, call) \
    if ((s->sentence_classes & (classes)) && (call)) return -1
#define NEEDS_ALL(classes, call) \
    if ((s->sentence_classes & (classes)) == (classes) && (call)) return -1

static int sentence_rules(ts_scorer *s, const char *text)
{
    NEEDS_ANY(WC_YET, ts_rule_not_yet(s, text));
    NEEDS_ANY(WC_STILL, ts_rule_still_not(s, text));
    NEEDS_ANY(WC_COST, ts_rule_cost_rise(s, text));
    NEEDS_ANY(WC_RESULTING, ts_rule_result_harm(s, text));
    NEEDS_ALL(WC_CUTTING | WC_PROVISION, ts_rule_provision_cut(s, text));
    NEEDS_ANY(WC_ATTAIN, ts_rule_success_denied(s, text));
    NEEDS_ANY(WC_TURN, ts_rule_time_turn(s, text));
    NEEDS_ANY(WC_REPAIR, ts_rule_repair_deed(s, text));
    NEEDS_ALL(WC_MEASURE | WC_RISE, ts_rule_measure_rise(s, text));
    NEEDS_ANY(WC_TURNER, ts_rule_turned_into(s, text));
    NEEDS_ANY(WC_TURN_CONTRAST, ts_rule_contrast_answer(s, text));
    NEEDS_ANY(WC_THEN, ts_rule_then_now(s, text));
    NEEDS_ANY(WC_ORDINAL_FIRST, ts_rule_first_attempt(s, text));
    NEEDS_ANY(WC_SO, ts_rule_so_deed(s, text));
    NEEDS_ANY(WC_NOW, ts_rule_deed_now(s, text));
    NEEDS_ANY(WC_ORDINAL_FIRST | WC_RECORD, ts_rule_first_deed(s, text));
    NEEDS_ANY(WC_OPENER, ts_rule_opener_deed(s, text));
    NEEDS_ANY(WC_RESULT, ts_rule_result_of(s, text));
    NEEDS_ANY(WC_NEVER, ts_rule_never_will(s, text));
    NEEDS_ANY(WC_SOME, ts_rule_some_are_just(s, text));
    NEEDS_ANY(WC_BY, ts_rule_by_time(s, text));
    NEEDS_ANY(WC_WRITER, ts_rule_own_answer(s, text));
    return 0;
}

#undef NEEDS_ANY
#undef NEEDS_ALL

int ts_scorer_score(ts_scorer *s, const char *text, size_t len,
                    ts_sentence *out)
{
    s->n_hits = 0;
    s->text_len = len;
    ts_buf_clear(&s->strings);
    if (ts_tokenize(&s->tokens, text, len)) return -1;
    size_t n = s->tokens.n;
    if (reserve_tokens(s, n ? n : 1)) return -1;
    ts_memo_trim(s->memo);
    if (ts_memo_lookup_tokens(s->memo, &s->tokens, s->info)) return -1;
    /* one call for the whole array, not one per token */
    memset(s->roles, 0, n * sizeof *s->roles);
    s->sentence_classes = 0; /* match() gathers them */
    s->contrasts = 0;
    if (match(s, text) || sentence_rules(s, text)) return -1;

    contrast_span contrast = find_contrast(s, text);
    int titled = -1; /* Title Case? asked only of a capitalised hit */
    double g = 0, neg = 0;
    int named = 0;   /* a setback named, even if denied (rule 4) */
    for (size_t k = 0; k < s->n_hits; k++) {
        ts_hit *h = &s->hits[k];
        *h = s->pending[k].hit;
        h->text = s->strings.data + s->pending[k].text_off;
        if (adjust(s, h, &contrast, text, &titled)) {
            /* a name: its weight counts, but it is no setback */
        } else if (h->dim == TS_NEGATIVITY || names_setback(h)) {
            named = 1;
        }
        if (h->dim == TS_GROWTH) g += h->weight;
        else neg += h->weight;
    }
    if (ts_rule_denied_existence(s->hits, s->n_hits)) {
        /* rule 48: "no one was hurt" reports that nothing bad happened:
         * its denied setbacks count as topics and name no setback */
        g = neg = 0;
        named = 0;
        for (size_t k = 0; k < s->n_hits; k++) {
            ts_hit *h = &s->hits[k];
            h->weight *= MENTION_FACTOR;
            h->flags |= TS_HIT_DAMPENED;
            if (!h->intensifier) h->intensifier = h->negator;
            if (h->dim == TS_GROWTH) g += h->weight;
            else neg += h->weight;
        }
    }
    out->words = s->tokens.words;
    out->growth = g;
    out->negativity = neg;
    out->tone = ts_tone(g, neg);
    out->label = ts_tone_label(out->tone);
    out->reframe = named && g >= neg;
    out->hits = s->n_hits ? s->hits : NULL;
    out->n_hits = s->n_hits;
    return 0;
}

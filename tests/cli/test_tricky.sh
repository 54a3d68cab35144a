#!/usr/bin/env bash
# The sentences that trip word-counting sentiment tools, each with the label
# a reader gives it: negation that reverses ("never give up"), negation that
# is part of an idiom ("no problem", "not the worst"), boosters hidden in
# phrases ("without a doubt", "never so"), "not yet", and fixed-mindset talk
# that has no negative word in it ("some people are born with it").
set -u
bin=${TONESCOPE:?TONESCOPE must name the tonescope binary}
fail=0

# expect LABEL|not-negative|not-growth SENTENCE
expect() {
    local want=$1 text=$2 got
    got=$(printf '%s\n' "$text" | "$bin" analyze -s --format tsv - | tail -n 1 | cut -f8)
    case $want in
    not-negative) [ "$got" != negative ] ;;
    not-growth) [ "$got" != growth ] ;;
    *) [ "$got" = "$want" ] ;;
    esac || { echo "FAIL: \"$text\": $got, want $want"; fail=1; }
}

expect not-negative "It is not the worst plan we have tried."
expect not-negative "No problem, I can help you with that."
expect growth "Without a doubt, she worked hard to improve."
expect growth "I have never been so proud of the team."
expect not-negative "At least we tried."
expect growth "Nothing is impossible if you keep practising."
expect growth "Nobody is perfect, and mistakes help us learn."
expect growth "Never give up on your goals."
expect growth "Don't be afraid to ask for help."
expect growth "It is never too late to learn."
expect growth "I can't do it yet, but I'm getting closer."
expect negative "I'm just not a math person."
expect negative "Some people are born with it."
expect negative "This is too hard for me."
expect negative "I can't do anything right."
expect negative "I don't think I'm cut out for it."
expect negative "She is not learning anything from her mistakes."
expect negative "That was the WORST day of my life."
expect not-growth "The fire alarm test is on Tuesday."
# "never ... more" is a superlative, not a denial
expect growth "She has never enjoyed her work more."
expect growth "They have never been fitter."
# shrinking a bad thing is good news
expect growth "The new lanes have reduced crashes by a third."
expect growth "Our new checklist has led to fewer mistakes."
# a verb is not a label: "learn data analysis" is learning
expect growth "She wants to learn data analysis."
# words whose stem is shared by an unrelated word
expect neutral "The company employs roughly 4,200 people."
expect neutral "Construction on the new library begins in the spring."
# a semicolon turns to the clause that carries the weight
expect growth "The outage was our fault; we have added monitoring and learned to test every change."
# sarcasm that reads as praise word by word
expect negative "Oh great, another meeting that could have been an email."
# taking a bad thing away is good news
expect growth "The setback was humiliating, but it stripped away his arrogance and made him a better listener."
# a turn in time after a setback tells what came of it; "since" a date does not
expect growth "Tuesday's outage was our fault, and we have since added monitoring."
expect negative "He has been unemployed since March."
# a loaded word capitalised inside a sentence is part of a name or title
expect neutral "Visitation will be held Tuesday at Lindgren Funeral Home."
expect neutral "Units of the Meridian Growth Fund are priced daily."
expect negative "The coach said: Failure is all you will get from this."
expect negative "Every one of those comments proves I'm just not good at this job."
# an opening clause of time is conceded: the main clause tells the response
expect growth "After the outbreak, the county trained 200 contact tracers and practised every month."
expect negative "When the plant closed, 300 people lost their jobs."
# a setback answered by a deed: what was done about it is constructive
expect growth "Alerting failed to catch the full disk, so we added a threshold alarm and tested it the same afternoon."
expect growth "She failed the exam in January and re-sat it in June."
expect not-growth "The storm knocked out power and added to the misery."
expect neutral "A panic button system has been installed in every classroom."
expect growth "Overdraft fees were a constant problem, so I set up low-balance alerts and kept a small buffer."
expect not-growth "The fire destroyed six homes built in the 1920s."
expect not-negative "The parade got rained out, so the marching band played in the high school gym instead."
# progress told by numbers: a measure wanted more of that rises
expect growth "Adoptions at the shelter are up 25 percent this year."
expect not-growth "Rents are up 20 percent this year."
expect not-growth "Retail sales rose 0.4 percent from the previous quarter."
# a harm that falls by an amount is good news
expect growth "After the checklist came in, complaints have fallen by half."
expect not-growth "Cancer incidence figures in the report are broken down by age and region."
# a session on a timetable is a topic named, not effort told
expect neutral "Practice is on Tuesdays and Thursdays from 5:30 to 7 at Greenfield Park."
expect growth "We practise on Tuesdays and Thursdays until the routine is automatic."
# a short quoted label is a name; a judgement reported in quotes is a tone
expect neutral 'The "Best Answer" badge is awarded by the original poster, not by moderators.'
expect growth 'Critics called the new production "brilliant" and the run was extended.'
expect not-growth "After the scandal, the chief executive stepped down."
# "now" after a setback moves the story on, unless an obligation follows
expect growth "After losing its biggest client, the agency moved into new sectors and now earns more than before."
expect negative "I failed the final exam, and now I have to repeat the entire course."
expect growth "Stage fright used to freeze me solid; these days I treat the nerves as a sign the performance matters."
# loaded words in a set or technical sense
expect neutral "The boss fight in chapter 4 has three phases."
expect neutral "For anyone asking, the dead-pixel warranty covers the whole panel."
expect neutral "The risk register lists twelve items, each with an owner and a review date."
# "cut" shrinks what follows
expect growth "The redesigned junction has cut crashes by a third."
# plain reports of crime are negative
expect negative "Police are searching for a man who robbed a store at gunpoint."
# set senses of loaded words in notices, finance, obituaries and software
expect neutral "Forecasters are tracking a storm system moving in from the west."
expect neutral "Crews will carry out a controlled burn near the reservoir on Friday."
expect neutral "Visitation is at Harmon Funeral Home on Main Street."
expect neutral "A bear market usually means a drop of a fifth from the last high."
expect neutral "The handler writes a fatal error to the log and exits."
# complaints that thank or bless, and not even bothering
expect negative "Thanks for nothing, the so-called fix made the leak worse."
expect negative "The clinic didn't even bother to call us back."
expect not-negative "Let the deck dry for a week before you stain it."
# set senses in research, insurance, police units and mountaineering; "tear" is not "tears"
expect neutral "Researchers measured stress hormones in saliva samples collected at 8 a.m."
expect neutral "Claims must be submitted within 60 days of the date of loss."
expect neutral "The arson unit's retired captain will give a talk on Thursday."
expect neutral "Avalanche transceivers should be checked at the trailhead before every tour."
expect neutral "Normal wear and tear is not covered by the warranty."
# everyday bad news of small business, charities and ageing
expect negative "We're full, we're broke, and we're turning people away every day."
expect negative "A major donor withdrew funding in March."
expect negative "Great, another recall letter for the same car."
expect negative "Some people can cook and some can't, and I'm in the second group."
# "not only" adds; refunds answer a setback; a stumble called normal
expect growth "The first batch was faulty, but they not only replaced it, they explained what had changed."
expect growth "The update broke checkout for an hour, so the shop refunded every order placed in that window."
expect growth "If you couldn't finish all the reps today, that's fine: note where you stopped and aim to match it tomorrow."
expect neutral "Welcome back to episode 40 of the show."
expect neutral "The film was adapted from a novel of the same name."
expect growth "Losing the election hurt, but she turned that disappointment into a campaign for the next one."
expect negative "The flood turned the basement into a swamp."
# audiences as measures; congratulations; criticism accepted
expect growth "Downloads rose 40 percent after the relaunch."
expect growth "Congratulations to the under-12s on their first league title!"
expect growth "My editor said the ending dragged, and she had a point, so I cut two chapters."

# fixed ability in n't forms, staff let go, traps that are not feelings, set senses by domain
expect negative "I guess people like me just aren't cut out for management."
expect negative "Half the warehouse staff are being let go next month."
expect neutral "The camera traps are checked every two weeks."
expect negative "Honestly, the old town was a tourist trap."
expect neutral "The difficulty setting can be changed at any time from the pause menu."
expect neutral "Brutalism takes its name from the French term for raw concrete."
expect neutral "Employees may take up to five days of bereavement leave."
expect neutral "The course covers criminal law and criminal procedure."
expect not-negative "Easily the best sour of the year, and dangerously drinkable."
expect negative "The second act dragged on, and half the audience was checking their phones."
expect negative "Our largest customer will not renew its contract."
expect negative "She barks all night, and the neighbours have started complaining."

# set senses by domain, everyday bad news, fixed ability in n't forms, futility
expect neutral "Weed pressure is scored weekly in each plot."
expect neutral "The defence filed a motion to dismiss on Friday."
expect neutral "Check the crash cart at the start of every shift."
expect neutral "Coal-fired plants still supply part of the grid."
expect neutral "Remove dead leaves from the base of the plant."
expect neutral "The defendant pleaded not guilty to all three counts."
expect negative "The band never arrived, and the hall was double-booked."
expect negative "My brain just isn't wired for statistics."
expect negative "The new version is full of bugs."
expect negative "Why do I even bother writing to the council?"
expect negative "The families have been left in limbo for a year."

# "though" after a comma turns like "but"; deeds of adjusting; oneself again
expect growth "Getting turned down for that job hurt, though I asked for feedback and they gave me useful notes for next time."
expect growth "The first meds didn't work, so my doctor and I adjusted them, and I'm slowly starting to feel like myself again."
expect growth "I relapsed last weekend, but I'm back at day two and I've told my sponsor what set it off."

# rule 21: a setback, then "but" and a clause that answers it without a tone word
expect growth "Got absolutely stomped in my first tournament, but I wrote down every matchup I lost and studied each one."
expect growth "The storm wrecked our summit plans, but we spent the days practising crevasse rescue instead."

# stem collisions: a trade, a likelihood, a hand laid on something
expect neutral "The developers released a patch on Friday."
expect neutral "It could well be the largest order this year."
expect neutral "She put a hand on his shoulder and waited."

# collision sweep (a)
expect neutral "Her financial adviser moved the savings into a pension fund."
expect neutral "The navy sent two destroyers to the strait on Tuesday."
expect neutral "Rail enthusiasts gathered at the station to photograph the old engine."
expect neutral "The car comes as a coupe or a convertible."
expect neutral "The report gives an exhaustive list of the ingredients."
# collision sweep (b): a drink, a view, food that spoils, a candle, directions on a box
expect neutral "She ordered a mango smoothie and a bagel."
expect neutral "Our hotel room was overlooking the harbour."
expect neutral "Store perishables in the fridge before you leave."
expect neutral "Trim the candle wick before lighting it."
expect neutral "Follow the instructions on the box."
# procedures in the present passive, and the field a sentence speaks in
expect neutral "Damaged returns are recorded on the intake sheet and set aside for inspection."
expect neutral "The flood siren is tested at noon on the first Wednesday of each month."
expect neutral "Winning entries are displayed in the lobby until Friday."
expect neutral "In the card game, a player whose hand is empty loses the round."
expect neutral "In comedy slang, a set that dies gets no laughs at all."
expect negative "The town was heavily bombed in 1944."
expect negative "They are ignored at every meeting."
expect negative "In 2019 the plant closed and 300 people lost their jobs."
expect negative "In his last letter he wrote that he had failed everyone."

# rule 32: an opening clause of time names a setback, the main clause a deed
expect growth "After the botched rollout of the portal, the department brought in claimants to test every new screen."
expect negative "When the plant closed, 300 people lost their jobs."
expect negative "After the hailstorm, hundreds of policyholders were left waiting months for repairs."
# rule 33: a setback named as the cause of what is better
expect growth "We missed a filing deadline last spring, and that mistake is why every return now goes through two people."
expect growth "The paint dried streaky and looked awful, and that's how I found out about primer."
expect negative "Nobody could explain why the shipment was late and damaged."
# rule 39: a statement about a kind, hedged; rule 40: what a work holds
expect neutral "Most garden slugs usually die off after the first hard frost."
expect neutral "Trail injuries typically happen on the descent, not the climb."
expect negative "I usually panic and freeze before every exam."
expect neutral "This week's lesson covers the causes of the war and the collapse of the empire."
expect neutral "The handout explains the difference between a lapse and a relapse."
expect neutral "The expansion adds a doomsday clock and two new villains."
expect negative "The launch was a disaster, and the new version adds nothing anyone asked for."

# rule 36: a future denied for good
expect negative "I'll never be a real pastry chef; my hands just aren't precise enough for this kind of work."
expect growth "Got lost on the hike, and it turned into a lesson in map reading that I'll never forget."
# rule 37: a trait claimed of a group as inborn
expect negative "Some people have a feel for the wind, and I'm clearly not one of them."
expect not-negative "Some readers asked about cheat days, so here is how three plans define them."
# rule 38: a mark of futility denies the growth words of its clause
expect negative "I'm just not built for flying, and no amount of advice is going to stop me panicking."
expect negative "What's the point of studying when the exam just rewards whoever memorised the slides?"
expect growth "The point guard stays after every practice to drill her left hand."
# rule 41: a sentence that opens on sarcasm denies its praise
expect negative "Oh great, another \"improvement\" that moves every button I use into a menu I can't find."
expect negative "Great, another meeting that could have been an email."
expect negative "Lovely, the printer is jammed again."
expect growth "Great, thanks for the help."
expect growth "Oh good, you made it."
expect growth "Great news: the clinic reopens Monday."
expect growth "Wonderful, let's start."
expect growth "Great, the bug that crashed the app is fixed."
# rule 42: a change dated after a setback, in a clause of its own
expect growth "Members complained about the cold changing rooms, and starting Monday the heating comes on an hour earlier."
expect growth "The first payroll run was a mess; within a week every contractor had been paid in full."
expect negative "Budget cuts will close the branch library starting in April."
expect negative "The new sealant cracked within a month and the roof leaked again."

# rule 43: a harm told by its result, after a comma
expect negative "Armed groups blocked the river crossing, cutting off 20,000 people from food deliveries."
expect negative "The maternity unit is closing in March, leaving the nearest hospital ninety minutes away."
expect neutral "The changelog lists deprecations, breaking changes, and security fixes in separate sections."
# rule 44: a provision cut
expect negative "The district cut our transportation budget, so we can't travel to the state championship."
expect negative "Weekend service is being cut entirely on the Valley branch starting next month."
expect not-negative "The new scheduling tool cut the hours our planners spend on rosters by half."
# rules 45, 46: a success denied names a setback that can be answered
expect growth "We could not save the old oak, but its wood became the benches in the new park."
expect growth "I couldn't land the kickflip all spring, so I filmed every attempt and studied my feet."
expect not-growth "The bill did not pass the senate."
expect negative "Twenty years I ran this shop, and now I can't even find a buyer."
expect growth "I never gave up, even when the scale didn't budge."
expect growth "We didn't miss a single session all winter."
expect neutral "If you can't find the form, ask at the front desk."
# rule 47: a later clause dated "by" a point in time
expect growth "In June Sam could barely float; by August he was diving for rings in the deep end."
expect growth "The junior fleet spent the week drilling roll tacks, and by Friday even the youngest sailors were nailing them."
expect not-growth "The bakery opened in March; by August it had closed."
expect neutral "Please return the signed forms to the office by Friday."
# rule 11: a "now" nobody acts towards tells a consequence, not a turn
expect negative "Our downstairs neighbours ignored every complaint about the leak, and now the bathroom ceiling sags."
expect negative "The bus service was cut in spring, and the village now gets one bus a day."
expect growth "I was terrified of the deep end, and now I swim laps there three times a week."
expect growth "Customers complained about the queue, so a second cashier now works the lunch rush."

# rule 48: a harm whose existence is denied reports that nothing happened
expect neutral "No one was injured in Saturday's drill at the depot."
expect neutral "No passengers were hurt when the ferry docked late."
expect growth "I was never afraid of failing again after that summer."
expect growth "We didn't panic, and we learned more from the outage than from any drill."

# twenty-first round: set senses from a sweep (modifiers.tsv)
expect neutral "Each floor slab is checked for dead load and live load before the pour."
expect neutral "Replace both rear shock absorbers when the car goes in for its service."
expect neutral "The café sells coffee below cost as a loss leader for its pastries."
expect neutral "Garbage collection moves to Thursday during the holiday week."
expect neutral "Stir in the crushed garlic and a pinch of cracked black pepper."
expect neutral "She took the penalty kick from just inside the penalty area."
expect neutral "Calls from the ambulance go straight to the hospital's trauma team."
expect neutral "Her first novel was a crime thriller set in a seaside town."
expect neutral "Switch on your hazard lights and wait in the breakdown lane."
expect neutral "Every course page now shows its learning outcomes at the top."

# twenty-second round: gaps in everyday vocabulary, by domain
expect negative "My brother has been laid up with a bad back since Easter."
expect negative "She was admitted to hospital on Sunday night."
expect negative "We haven't been paid for the last two months."
expect negative "The family has been sleeping in their car since the summer."
expect negative "The car wouldn't start, so I missed the interview."
expect negative "A bushfire swept through the hills overnight."
expect negative "Our best runner was disqualified for a false start."
expect negative "The clinic is underfunded and the phones go unanswered."
expect negative "Years of night shifts have taken their toll on his health."
expect growth "She has got to grips with the gears at last."
expect growth "Grandad is back on his feet and up and about again."
expect growth "Our reading scores have come on in leaps and bounds this year."
expect growth "He passed his driving test on Friday."
expect growth "The farm had a bumper harvest after two dry years."

# twenty-third round: gaps in everyday vocabulary, second sweep
expect negative "The kettle overheats and the lid came apart in my hand, a total joke for the price."
expect negative "I was passed from pillar to post for a week and then fobbed off with a voucher."
expect negative "I've felt tetchy and down in the mouth all week."
expect negative "I put my foot in it at the dinner and wanted the ground to swallow me."
expect negative "We used to be close, but we drifted apart after college."
expect negative "She was slated by the critics for the second album."
expect negative "He got doxxed after the match and had to lock his accounts."
expect negative "The lab's results could not be replicated by any other group."
expect negative "I came off my bike on the descent and twisted my ankle."
expect negative "The project went pear shaped and the talks ground to a halt."
expect growth "We hit it off on the first day of the course."
expect growth "They finally cleared the air and buried the hatchet."
expect growth "The band brought the house down on the last night of the tour."
expect growth "After a rocky start, I think I'm finally hitting my stride at work."
expect growth "Our paper was accepted for publication last week."
expect growth "She took me under her wing and showed me how the kitchen runs."
expect growth "The penny dropped halfway through the second lecture."
expect neutral "Mix the sand and cement in a ratio of three to one."
expect neutral "Grind the beans coarsely just before brewing."
# the writer's own answer after ", and", ";" or ", then" (rule 49)
expect growth "The debrief was brutal, and I've pinned her notes above my desk as a checklist."
expect negative "I lost my job, and I cried in the kitchen for a week."
expect negative "We euthanized three dogs today, and I sat in my car for twenty minutes."

[ $fail -eq 0 ] && echo "tricky sentences: all as a reader would rate them"
exit $fail

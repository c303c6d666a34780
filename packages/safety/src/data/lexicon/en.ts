import type { LexiconSource } from './source.js';

// Inflected forms are listed because terms match as whole words.
export const EN: LexiconSource = {
  lang: 'en',
  licence: 'CC0-1.0, compiled for Atrium',
  text: `
drugs medium: cannabis | marijuana | weed | ganja | hashish | thc gummies | edibles for sale | kush | dab pen | 420 friendly
drugs high: cocaine | heroin | meth | methamphetamine | crystal meth | fentanyl | mdma | ecstasy pills | lsd tabs | ketamine | oxycodone | xanax bars | crack cocaine | buy drugs | drug dealer | plug for pills
firearms medium: glock | ar-15 | ak-47 | handgun | rifle for sale | ammo for sale
firearms high: ghost gun | untraceable gun | buy a gun | guns for sale | full auto conversion | auto sear | silencer for sale | 3d printed gun
gambling medium: online casino | sports betting | betting tips | slot machine | roulette | poker site | 1xbet | bet365 | 188bet | w88 | stake casino
gambling high: fixed matches | guaranteed win bet | casino bonus code
adult_services high: escort service | escorts | hookers | hooker | prostitute | prostitution | sugar daddy | onlyfans leak | nudes for sale | happy ending massage | sex work | camgirl | sexting for money
adult_services critical: child porn | cp links
fraud medium: add my whatsapp | add me on telegram | dm me on telegram | whatsapp me | telegram me | tg me | wechat me | contact me on wechat | t.me | kik me | snapchat me
fraud high: crypto giveaway | double your bitcoin | investment opportunity | guaranteed returns | forex signals | send gift cards | wire transfer fee | fake id | fake passport | cvv dumps | carding | money mule | pig butchering | phishing
hate high: nigger | niggers | nigga | faggot | faggots | fag | kike | kikes | chink | chinks | gook | gooks | spic | spics | wetback | tranny | trannies | raghead | towelhead | coon | white power | heil hitler | sieg heil | gas the jews
harassment medium: fuck | fucking | fucker | motherfucker | shit | bullshit | bitch | bitches | asshole | bastard | cunt | dick | dickhead | slut | whore | retard | retarded | twat | wanker | pussy | cock | ass | jackass | dumbass
harassment high: kill yourself | kys | go die | i will kill you | rape | rapist | doxx | doxxing | neck yourself
spam low: follow for follow | f4f | like for like | l4l | sub4sub | free followers | click the link in bio | dm for promo | cheap likes
spam medium: earn money fast | work from home and earn | make $1000 a day | free iphone | you have won
allow hate: chink in the armor | chink in the armour | chink in his armor | chink in her armor
allow harassment: dick van dyke | moby dick | dick tracy | cock-a-doodle-doo | pussy willow | pussycat
allow drugs: weed killer | weed control | seaweed
# Drug trade slang from the DEA Intelligence Report "Slang Terms and Code Words: A Reference for
# Law Enforcement Personnel" (DEA-HOU-DIR-022-18, July 2018; a US government work, public
# domain). Only names that are no everyday word; everyday ones (snow, ice, glass, smack) only in
# sale phrases.
drugs high: nose candy | black tar heroin | percs | percocets | roxies | xannies | zannies | oxys | pressed pills | m30s | carfentanil | xylazine | coke for sale | molly for sale | ice for sale | crystal for sale | smack for sale | tina for sale
drugs medium: shrooms for sale | weed for sale | purple drank | sizzurp | thc carts
# Escort-ad vocabulary named in public anti-trafficking material (Polaris Project's sex-trade
# glossary; the ad features studied in Dubrawski et al., "Leveraging Publicly Available Data to
# Discern Patterns of Human-Trafficking Activity", Journal of Human Trafficking 1(1), 2015).
adult_services high: incall | outcall | incalls | outcalls | bbbj | bbfs | gfe
# Longer words that hide a term and are innocent, for handles (read inside words) and texts.
allow harassment: therapist | therapists | psychotherapist | physiotherapist | retardant | retardants | retardation | pussyfoot | pussyfooting
allow firearms: glockenspiel
allow adult_services: incallito | incallita | incalliti | incallite | incallire | incallimento
allow hate: niggard | niggardly | niggardliness
`,
};

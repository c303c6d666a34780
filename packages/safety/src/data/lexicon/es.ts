import type { LexiconSource } from './source.js';

export const ES: LexiconSource = {
  lang: 'es',
  licence: 'CC0-1.0, compiled for Atrium',
  text: `
drugs medium: marihuana | porro | porros | hachís | cogollos
drugs high: cocaína | heroína | metanfetamina | éxtasis | tusi | fentanilo | vendo droga | venta de drogas
firearms high: venta de armas | pistola en venta | armas sin papeles | cuerno de chivo | arma fantasma
gambling medium: casino en línea | apuestas deportivas | tragamonedas | ruleta en línea
gambling high: partidos arreglados | apuesta segura
adult_services high: prostitución | prostituta | putas | escorts | servicio de acompañantes | masaje con final feliz | sexo por dinero
fraud medium: escríbeme al whatsapp | agrégame en telegram | mándame dm
fraud high: inversión garantizada | duplica tu dinero | gana dinero rápido | estafa piramidal | préstamo sin requisitos
hate high: sudaca | sudacas | maricón | maricones | panchito | negrata | moro de mierda | sidoso
harassment medium: puta | hijo de puta | pendejo | cabrón | gilipollas | mierda | culero | zorra | imbécil | joder
harassment high: muérete | te voy a matar | suicídate
spam low: sígueme y te sigo | seguidores gratis | like por like
# Spanish drug names from the same DEA report (perico, mota, cristal, tachas, chiva), only in the
# sale phrases of ads: alone they are a parrot, a speck, glass, tacks and a goat.
drugs high: vendo perico | vendo cristal | vendo tachas | vendo chiva | vendo coca | vendo mota
# Sex-trade ad vocabulary ("prepago", "sexoservidora") as named in public Latin American
# anti-trafficking material (e.g. UNODC's regional reports); "prepago" alone is a phone plan.
# Innocent words that hold a term of the lists, for handles (read inside words).
allow drugs: chisporrotear | chisporroteo
allow harassment: cachiporra | cachiporras | retardador | retardadora | retardante
adult_services high: sexoservidora | sexoservidoras | chica prepago | chicas prepago | masaje erótico | masajes eróticos
`,
};

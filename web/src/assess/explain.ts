// Plain-language meaning of each result band (and C-SSRS risk level), in English and
// Spanish. Kind and non-diagnostic: a band says what the answers suggest, never what a
// person "has", and points to a professional.
import type { Lang } from "../i18n";

type Table = Record<string, Record<string, string>>;

const en: Table = {
  phq9: {
    minimal: "Your answers show few or no signs of depression over the last two weeks. Keep doing the things that help you feel well.",
    mild: "Your answers suggest some mild low-mood symptoms over the last two weeks. This is common and often eases with rest, support and time. If it stays or grows, talking to a doctor or counsellor can help.",
    moderate: "Your answers suggest a moderate level of depression symptoms over the last two weeks. That can be hard to carry. It would be a good idea to talk to a doctor or mental health professional about how you have been feeling.",
    moderately_severe: "Your answers suggest quite a lot of depression symptoms over the last two weeks. You deserve support with this: please talk to a doctor or mental health professional soon.",
    severe: "Your answers suggest severe depression symptoms over the last two weeks. That is a lot to go through, and help does work. Please talk to a doctor or mental health professional as soon as you can.",
  },
  gad7: {
    minimal: "Your answers show few or no signs of anxiety over the last two weeks. Keep doing the things that help you feel calm.",
    mild: "Your answers suggest some mild anxiety over the last two weeks. This is common, and calming routines and support often help. If it stays or grows, talking to a doctor or counsellor can help.",
    moderate: "Your answers suggest a moderate level of anxiety over the last two weeks. That can be tiring. It would be a good idea to talk to a doctor or mental health professional about it.",
    severe: "Your answers suggest severe anxiety over the last two weeks. You do not have to manage this alone: please talk to a doctor or mental health professional as soon as you can.",
  },
  phq2: {
    negative: "Your answers do not point to depression right now. If your mood changes, you can check in again at any time.",
    positive: "Your answers suggest your mood may have been low lately. The longer PHQ-9 questionnaire gives a clearer picture, and we suggest taking it next.",
  },
  gad2: {
    negative: "Your answers do not point to an anxiety problem right now. If that changes, you can check in again at any time.",
    positive: "Your answers suggest you may have been feeling anxious lately. The longer GAD-7 questionnaire gives a clearer picture, and we suggest taking it next.",
  },
  who5: {
    not_low: "Your wellbeing over the last two weeks does not look low. Keep doing the things that help you feel well.",
    poor_wellbeing: "Your wellbeing has been on the low side over the last two weeks. The PHQ-9 questionnaire can help you understand your mood better, and talking to someone you trust or a professional can help.",
    likely_depression: "Your wellbeing has been low over the last two weeks, in a range where depression is common. Please consider talking to a doctor or mental health professional; the PHQ-9 questionnaire can also give a clearer picture.",
  },
  cssrs_screen: {
    none: "Your answers do not show recent thoughts of suicide. If that changes, help is always one tap away.",
    low: "You told us about thoughts of death or suicide. Thank you for being honest; that takes courage. Talking to someone you trust or a professional can help, and support lines are open any time.",
    moderate: "Your answers show thoughts of suicide that deserve care now. Please reach out to a crisis line or a professional today. You do not have to handle this alone.",
    high: "Your answers show you may be at serious risk right now. Please contact a crisis line or emergency services now. You deserve support, and people are ready to help.",
  },
};

const es: Table = {
  phq9: {
    minimal: "Tus respuestas muestran pocas o ninguna señal de depresión en las últimas dos semanas. Sigue haciendo lo que te ayuda a sentirte bien.",
    mild: "Tus respuestas sugieren algunos síntomas leves de ánimo bajo en las últimas dos semanas. Es algo común y suele mejorar con descanso, apoyo y tiempo. Si continúa o aumenta, hablar con un médico o un consejero puede ayudar.",
    moderate: "Tus respuestas sugieren un nivel moderado de síntomas de depresión en las últimas dos semanas. Eso puede pesar mucho. Sería buena idea hablar con un médico o un profesional de salud mental sobre cómo te has sentido.",
    moderately_severe: "Tus respuestas sugieren bastantes síntomas de depresión en las últimas dos semanas. Mereces apoyo con esto: por favor, habla pronto con un médico o un profesional de salud mental.",
    severe: "Tus respuestas sugieren síntomas graves de depresión en las últimas dos semanas. Es mucho por lo que pasar, y la ayuda funciona. Por favor, habla con un médico o un profesional de salud mental lo antes posible.",
  },
  gad7: {
    minimal: "Tus respuestas muestran pocas o ninguna señal de ansiedad en las últimas dos semanas. Sigue haciendo lo que te ayuda a sentirte en calma.",
    mild: "Tus respuestas sugieren algo de ansiedad leve en las últimas dos semanas. Es algo común, y las rutinas tranquilas y el apoyo suelen ayudar. Si continúa o aumenta, hablar con un médico o un consejero puede ayudar.",
    moderate: "Tus respuestas sugieren un nivel moderado de ansiedad en las últimas dos semanas. Eso puede agotar. Sería buena idea hablarlo con un médico o un profesional de salud mental.",
    severe: "Tus respuestas sugieren ansiedad grave en las últimas dos semanas. No tienes que manejar esto en soledad: por favor, habla con un médico o un profesional de salud mental lo antes posible.",
  },
  phq2: {
    negative: "Tus respuestas no apuntan a una depresión en este momento. Si tu ánimo cambia, puedes volver a hacer el chequeo cuando quieras.",
    positive: "Tus respuestas sugieren que tu ánimo puede haber estado bajo últimamente. El cuestionario PHQ-9, más completo, da una idea más clara; te sugerimos hacerlo a continuación.",
  },
  gad2: {
    negative: "Tus respuestas no apuntan a un problema de ansiedad en este momento. Si eso cambia, puedes volver a hacer el chequeo cuando quieras.",
    positive: "Tus respuestas sugieren que puedes haber sentido ansiedad últimamente. El cuestionario GAD-7, más completo, da una idea más clara; te sugerimos hacerlo a continuación.",
  },
  who5: {
    not_low: "Tu bienestar en las últimas dos semanas no parece bajo. Sigue haciendo lo que te ayuda a sentirte bien.",
    poor_wellbeing: "Tu bienestar ha estado algo bajo en las últimas dos semanas. El cuestionario PHQ-9 puede ayudarte a entender mejor tu ánimo, y hablar con alguien de confianza o con un profesional puede ayudar.",
    likely_depression: "Tu bienestar ha estado bajo en las últimas dos semanas, en un rango en el que la depresión es frecuente. Considera hablar con un médico o un profesional de salud mental; el cuestionario PHQ-9 también puede darte una idea más clara.",
  },
  cssrs_screen: {
    none: "Tus respuestas no muestran pensamientos recientes de suicidio. Si eso cambia, la ayuda está siempre a un toque.",
    low: "Nos contaste que has tenido pensamientos de muerte o de suicidio. Gracias por tu sinceridad; hace falta valor. Hablar con alguien de confianza o con un profesional puede ayudar, y las líneas de apoyo atienden a cualquier hora.",
    moderate: "Tus respuestas muestran pensamientos de suicidio que merecen atención ahora. Por favor, contacta hoy una línea de crisis o a un profesional. No tienes que afrontarlo en soledad.",
    high: "Tus respuestas muestran que podrías estar en riesgo grave ahora mismo. Por favor, contacta ahora una línea de crisis o los servicios de emergencia. Mereces apoyo, y hay personas listas para ayudarte.",
  },
};

const kTables: Record<Lang, Table> = { en, es };

/**
 * What a result band means, in plain words: `code` is the severity code (or, for the C-SSRS
 * screener, the risk level). Null for an instrument or band this table does not know.
 */
export function BandExplanation(lang: Lang, instrument: string, code: string): string | null {
  return kTables[lang][instrument]?.[code] ?? en[instrument]?.[code] ?? null;
}

/** Every (instrument, code) pair with an explanation in `lang`, for tests. */
export function ExplainedBands(lang: Lang): [string, string][] {
  return Object.entries(kTables[lang]).flatMap(([inst, codes]) => Object.keys(codes).map((c) => [inst, c] as [string, string]));
}

#include "nlp/normalizer_tables.h"

#include <cstring>
#include <string_view>
#include <unordered_map>

#include "nlp/word_table.h"

namespace haven::nlp::internal {
namespace {

using WordMap = nlp::WordMap<std::string_view>;

// Expansions shared by both languages: English contractions (with and without apostrophe),
// chat shorthand, and spellings seen in crisis chat (euphemisms that evade filters).
const WordMap& CommonExpansions() {
  static const WordMap kMap = {
      // Contractions.
      {"can't", "can not"},
      {"cant", "can not"},
      {"cannot", "can not"},
      {"won't", "will not"},
      {"wont", "will not"},
      {"don't", "do not"},
      {"dont", "do not"},
      {"doesn't", "does not"},
      {"doesnt", "does not"},
      {"didn't", "did not"},
      {"didnt", "did not"},
      {"isn't", "is not"},
      {"isnt", "is not"},
      {"aren't", "are not"},
      {"arent", "are not"},
      {"wasn't", "was not"},
      {"wasnt", "was not"},
      {"weren't", "were not"},
      {"werent", "were not"},
      {"haven't", "have not"},
      {"havent", "have not"},
      {"hasn't", "has not"},
      {"hasnt", "has not"},
      {"hadn't", "had not"},
      {"hadnt", "had not"},
      {"shouldn't", "should not"},
      {"shouldnt", "should not"},
      {"wouldn't", "would not"},
      {"wouldnt", "would not"},
      {"couldn't", "could not"},
      {"couldnt", "could not"},
      {"mustn't", "must not"},
      {"ain't", "is not"},
      {"aint", "is not"},
      {"shan't", "shall not"},
      {"needn't", "need not"},
      {"i'm", "i am"},
      {"im", "i am"},
      {"i've", "i have"},
      {"ive", "i have"},
      {"i'll", "i will"},
      {"i'd", "i would"},
      {"you're", "you are"},
      {"youre", "you are"},
      {"you've", "you have"},
      {"you'll", "you will"},
      {"you'd", "you would"},
      {"he's", "he is"},
      {"she's", "she is"},
      {"it's", "it is"},
      {"we're", "we are"},
      {"they're", "they are"},
      {"theyre", "they are"},
      {"we've", "we have"},
      {"they've", "they have"},
      {"that's", "that is"},
      {"thats", "that is"},
      {"there's", "there is"},
      {"what's", "what is"},
      {"whats", "what is"},
      {"let's", "let us"},
      {"y'all", "you all"},
      {"wanna", "want to"},
      {"gonna", "going to"},
      {"gotta", "got to"},
      {"dunno", "do not know"},
      {"lemme", "let me"},
      {"gimme", "give me"},
      {"kinda", "kind of"},
      {"sorta", "sort of"},
      {"outta", "out of"},
      // Chat shorthand.
      {"u", "you"},
      {"ur", "your"},
      {"r", "are"},
      {"ya", "you"},
      {"y", "why"},
      {"rn", "right now"},
      {"tbh", "to be honest"},
      {"ngl", "not going to lie"},
      {"idk", "i do not know"},
      {"idc", "i do not care"},
      {"idgaf", "i do not care"},
      {"imo", "in my opinion"},
      {"imho", "in my opinion"},
      {"irl", "in real life"},
      {"bc", "because"},
      {"bcuz", "because"},
      {"cuz", "because"},
      {"coz", "because"},
      {"cos", "because"},
      {"b/c", "because"},
      {"pls", "please"},
      {"plz", "please"},
      {"thx", "thanks"},
      {"ty", "thank you"},
      {"nvm", "never mind"},
      {"jk", "just kidding"},
      {"ppl", "people"},
      {"b4", "before"},
      {"2day", "today"},
      {"2nite", "tonight"},
      {"tmrw", "tomorrow"},
      {"tmr", "tomorrow"},
      {"w/", "with"},
      {"w/o", "without"},
      {"smth", "something"},
      {"sth", "something"},
      {"bf", "boyfriend"},
      {"gf", "girlfriend"},
      {"omg", "oh my god"},
      {"wtf", "what the fuck"},
      {"fml", "fuck my life"},
      {"tho", "though"},
      {"thru", "through"},
      {"abt", "about"},
      {"prob", "probably"},
      {"def", "definitely"},
      {"alot", "a lot"},
      {"bday", "birthday"},
      // Crisis shorthand, euphemisms and misspellings.
      {"kms", "kill myself"},
      {"kys", "kill yourself"},
      {"killmyself", "kill myself"},
      {"unalive", "kill"},
      {"unalived", "killed"},
      {"unaliving", "killing"},
      {"ctb", "kill myself"},
      {"sui", "suicide"},
      {"sewerslide", "suicide"},
      {"su1cide", "suicide"},
      {"suicde", "suicide"},
      {"sucide", "suicide"},
      {"suiside", "suicide"},
      {"suicidle", "suicidal"},
      {"sucidal", "suicidal"},
      {"suicidial", "suicidal"},
      {"s/h", "self harm"},
      {"sh", "self harm"},
      {"selfharm", "self harm"},
      {"self-harm", "self harm"},
      {"k1ll", "kill"},
      {"dieing", "dying"},
      {"wnat", "want"},
      {"hav", "have"},
      {"pils", "pills"},
      {"pilz", "pills"},
      {"becuase", "because"},
      {"beacuse", "because"},
      {"definately", "definitely"},
      {"od", "overdose"},
      {"oding", "overdosing"},
  };
  return kMap;
}

// Spanish chat shorthand; looked up only for text detected as Spanish so that, e.g., "q"
// or "x" do not change English text.
const WordMap& SpanishExpansions() {
  static const WordMap kMap = {
      {"q", "que"},
      {"k", "que"},
      {"ke", "que"},
      {"xq", "porque"},
      {"pq", "porque"},
      {"porq", "porque"},
      {"x", "por"},
      {"d", "de"},
      {"tb", "tambien"},
      {"tmb", "tambien"},
      {"tmbn", "tambien"},
      {"xfa", "por favor"},
      {"porfa", "por favor"},
      {"pf", "por favor"},
      {"toy", "estoy"},
      {"tas", "estas"},
      {"ta", "esta"},
      {"tqm", "te quiero mucho"},
      {"nd", "nada"},
      {"bn", "bien"},
      {"mñn", "mañana"},
      {"dnd", "donde"},
      {"msj", "mensaje"},
      {"salu2", "saludos"},
      {"nse", "no se"},
      {"ns", "no se"},
      {"nose", "no se"},
      {"kiero", "quiero"},
      {"qiero", "quiero"},
      {"kero", "quiero"},
      {"matarm", "matarme"},
      {"suicidarm", "suicidarme"},
      {"pastiyas", "pastillas"},
      {"pastilas", "pastillas"},
      {"autolesion", "autolesion"},
  };
  return kMap;
}

}  // namespace

std::string_view Expansion(std::string_view word, Language language) {
  if (language == Language::kSpanish) {
    const WordMap& spanish = SpanishExpansions();
    if (const std::string_view* found = spanish.Find(word)) return *found;
    // English-only shorthand that means something else in Spanish.
    if (word == "u" || word == "r" || word == "y" || word == "ya" || word == "sh" || word == "od") {
      return {};
    }
  }
  const WordMap& common = CommonExpansions();
  if (const std::string_view* found = common.Find(word)) return *found;
  return {};
}

std::string_view EmojiWord(char32_t code_point) {
  static const std::unordered_map<char32_t, std::string_view> kEmoji = {
      {U'\U0001F600', "smile"},
      {U'\U0001F601', "grin"},
      {U'\U0001F602', "laughing"},
      {U'\U0001F923', "laughing"},
      {U'\U0001F603', "smile"},
      {U'\U0001F604', "smile"},
      {U'\U0001F605', "nervous"},
      {U'\U0001F606', "laughing"},
      {U'\U0001F609', "wink"},
      {U'\U0001F60A', "smile"},
      {U'\U0001F642', "smile"},
      {U'\U0001F643', "ironic"},
      {U'\U0001F60D', "love"},
      {U'\U0001F970', "love"},
      {U'\U0001F618', "kiss"},
      {U'\U0001F60C', "relieved"},
      {U'\U0001F614', "sad"},
      {U'\U0001F61E', "sad"},
      {U'\U0001F61F', "worried"},
      {U'\U0001F622', "crying"},
      {U'\U0001F62D', "crying"},
      {U'\U0001F625', "sad"},
      {U'\U0001F630', "anxious"},
      {U'\U0001F628', "afraid"},
      {U'\U0001F631', "scared"},
      {U'\U0001F620', "angry"},
      {U'\U0001F621', "angry"},
      {U'\U0001F92C', "angry"},
      {U'\U0001F624', "frustrated"},
      {U'\U0001F629', "weary"},
      {U'\U0001F62B', "tired"},
      {U'\U0001F634', "sleepy"},
      {U'\U0001F62A', "sleepy"},
      {U'\U0001F610', "neutral"},
      {U'\U0001F611', "neutral"},
      {U'\U0001F612', "annoyed"},
      {U'\U0001F644', "annoyed"},
      {U'\U0001F615', "confused"},
      {U'\U0001F914', "thinking"},
      {U'\U0001F633', "embarrassed"},
      {U'\U0001F97A', "pleading"},
      {U'\U0001F623', "struggling"},
      {U'\U0001F616', "confounded"},
      {U'\U0001F613', "stressed"},
      {U'\U0001F62C', "awkward"},
      {U'\U0001F636', "speechless"},
      {U'\U0001F641', "sad"},
      {U'\u2639', "sad"},
      {U'\U0001F62E', "surprised"},
      {U'\U0001F632', "surprised"},
      {U'\U0001F92F', "shocked"},
      {U'\U0001F973', "celebrate"},
      {U'\U0001F389', "celebrate"},
      {U'\U0001F917', "hug"},
      {U'\U0001F64F', "please"},
      {U'\U0001F44D', "good"},
      {U'\U0001F44E', "bad"},
      {U'\U0001F44F', "applause"},
      {U'\u2764', "love"},
      {U'\U0001F494', "heartbroken"},
      {U'\U0001F49C', "love"},
      {U'\U0001F499', "love"},
      {U'\U0001F49A', "love"},
      {U'\U0001F49B', "love"},
      {U'\U0001F5A4', "love"},
      {U'\U0001F495', "love"},
      {U'\U0001F496', "love"},
      {U'\U0001F497', "love"},
      {U'\U0001F498', "love"},
      {U'\U0001F48B', "kiss"},
      {U'\U0001F480', "dead"},
      {U'\u2620', "dead"},
      {U'\U0001FAA6', "grave"},
      {U'\u26B0', "coffin"},
      {U'\U0001F52A', "knife"},
      {U'\U0001F5E1', "knife"},
      {U'\U0001FA78', "blood"},
      {U'\U0001F48A', "pills"},
      {U'\U0001F52B', "gun"},
      {U'\U0001FAA2', "rope"},
      {U'\U0001F525', "fire"},
      {U'\u2728', "sparkles"},
      {U'\U0001F31F', "star"},
      {U'\U0001F4AA', "strong"},
      {U'\U0001F60E', "cool"},
      {U'\U0001F607', "blessed"},
      {U'\U0001F62F', "hushed"},
      {U'\U0001F635', "dizzy"},
      {U'\U0001F974', "dizzy"},
      {U'\U0001F922', "sick"},
      {U'\U0001F92E', "sick"},
      {U'\U0001F912', "sick"},
      {U'\U0001F637', "sick"},
      {U'\U0001F940', "wilted"},
      {U'\U0001F327', "rain"},
      {U'\u2600', "sun"},
      {U'\U0001F308', "rainbow"},
      {U'\U0001F6AB', "no"},
      {U'\u274C', "no"},
      {U'\u2705', "yes"},
      {U'\U0001F198', "help"},
  };
  auto it = kEmoji.find(code_point);
  return it == kEmoji.end() ? std::string_view{} : it->second;
}

bool IsEmojiModifier(char32_t code_point) {
  return (code_point >= 0x1F3FB && code_point <= 0x1F3FF) || code_point == 0x200D ||
         code_point == 0xFE0F || code_point == 0xFE0E;
}

const std::vector<std::pair<std::string_view, std::string_view>>& Emoticons() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kEmoticons = {
      {":'-(", "crying"},  {":'(", "crying"},       {":-)", "smile"},       {":-(", "sad"},
      {":-D", "laughing"}, {"<\\3", "heartbroken"}, {"</3", "heartbroken"}, {":)", "smile"},
      {":(", "sad"},       {":D", "laughing"},      {";)", "wink"},         {":/", "unsure"},
      {":|", "neutral"},   {"<3", "love"},          {"D:", "distressed"},   {"xD", "laughing"},
      {"XD", "laughing"},
  };
  return kEmoticons;
}

bool IsDoubleLetterWord(std::string_view word) {
  static const WordSet kWords = {
      "good",      "feel",     "feeling",  "need",   "needed",  "see",      "seen",    "too",
      "all",       "will",     "well",     "still",  "really",  "sorry",    "happy",   "kill",
      "killed",    "killing",  "little",   "better", "stuff",   "off",      "less",    "keep",
      "sleep",     "alone",    "free",     "tree",   "agree",   "hell",     "yell",    "tell",
      "fell",      "full",     "pull",     "small",  "call",    "fall",     "ill",     "wall",
      "smell",     "cool",     "pool",     "fool",   "school",  "soon",     "moon",    "room",
      "food",      "mood",     "look",     "book",   "took",    "feet",     "meet",    "sweet",
      "week",      "seem",     "deep",     "weed",   "bleed",   "bleeding", "need",    "speed",
      "coffee",    "three",    "bitter",   "butter", "funny",   "hurry",    "worry",   "worried",
      "sorrow",    "tomorrow", "happen",   "apple",  "add",     "odd",      "egg",     "mess",
      "miss",      "kiss",     "boss",     "loss",   "lesson",  "pass",     "class",   "glass",
      "grass",     "stress",   "dress",    "press",  "across",  "guess",    "yess",    "noo",
      "nooo",      "shall",    "ball",     "hurry",  "carry",   "marry",    "sorry",   "terrible",
      "horrible",  "annoyed",  "annoying", "cuddle", "goodbye", "cannot",   "suggest", "difference",
      "different", "sadder",   "bigger",   "matter", "letter",  "pretty",   "ladder",  "coffin",
      "overdosed", "poo",      "boo",      "zoo",    "woo",     "yeet",     "llorar",  "llamar",
      "calle",     "ella",     "ellos",    "llevar", "lleno",   "allá",     "aqui",    "perro",
      "tierra",    "guerra",   "cerrar",   "correr", "arroz",   "carro",    "pollo",   "bello",
      "creer",     "leer",     "cree",     "lee",    "ee",      "aa",       "oo",
  };
  return kWords.contains(word);
}

bool IsNegationCue(std::string_view word) {
  static const WordSet kCues = {
      // English (contractions are expanded to "not" before this check).
      "not",
      "no",
      "never",
      "nothing",
      "nobody",
      "none",
      "nowhere",
      "neither",
      "nor",
      "without",
      "cannot",
      "noone",
      "nope",
      // Spanish (accents stripped).
      "nunca",
      "jamas",
      "nada",
      "nadie",
      "ningun",
      "ninguno",
      "ninguna",
      "ni",
      "tampoco",
      "sin",
  };
  return kCues.contains(word);
}

bool IsClauseBoundaryWord(std::string_view word) {
  static const WordSet kWords = {
      "but",    "however", "although", "though", "yet",    "because", "except",   "whereas",
      "unless", "pero",    "sino",     "aunque", "porque", "excepto", "mientras",
  };
  return kWords.contains(word);
}

bool IsPseudoNegation(std::string_view cue, std::string_view next) {
  static const WordSet kPairs = {
      "not only", "not just",  "no doubt", "no wonder", "nothing but", "never mind",
      "not sure", "no matter", "sin duda", "no solo",   "ni siquiera",
  };
  constexpr std::size_t kLongest = 16;  // longer than any pair: no need to look
  if (cue.size() + next.size() + 1 > kLongest) return false;
  char pair[kLongest];
  std::memcpy(pair, cue.data(), cue.size());
  pair[cue.size()] = ' ';
  std::memcpy(pair + cue.size() + 1, next.data(), next.size());
  return kPairs.contains(std::string_view(pair, cue.size() + next.size() + 1));
}

bool IsEnglishMarker(std::string_view word) {
  static const WordSet kWords = {
      "the", "and", "i",   "you",  "is",   "to",   "it",   "my",    "of",   "that",  "in",  "me",
      "am",  "are", "was", "have", "what", "this", "with", "just",  "want", "feel",  "not", "do",
      "so",  "but", "be",  "for",  "at",   "i'm",  "im",   "don't", "dont", "can't", "he",  "she",
  };
  return kWords.contains(word);
}

bool IsSpanishMarker(std::string_view word) {
  static const WordSet kWords = {
      "el",     "la",   "los",    "las",    "que",  "de",  "y",    "es",   "en",
      "un",     "una",  "mi",     "me",     "yo",   "no",  "por",  "con",  "para",
      "lo",     "se",   "estoy",  "quiero", "pero", "muy", "todo", "nada", "como",
      "mas",    "ya",   "siento", "tengo",  "q",    "del", "al",   "su",   "esta",
      "porque", "vida", "nunca",  "ahora",  "hoy",
  };
  return kWords.contains(word);
}

}  // namespace haven::nlp::internal

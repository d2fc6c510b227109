#include "assess/instrument_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "assess/toml_reader.h"

namespace haven::assess {
namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;
using core::Status;
using internal::CheckInstrument;
using internal::Join;
using internal::TomlReader;

// Unwraps `expr` into `var` or returns its error from the enclosing function.
#define HAVEN_ASSIGN_OR_RETURN(var, expr)         \
  auto var##_result = (expr);                     \
  if (!var##_result) {                            \
    return std::unexpected(var##_result.error()); \
  }                                               \
  auto var = std::move(*var##_result)

std::string Indexed(std::string_view key, std::size_t index) {
  return fmt::format("{}[{}]", key, index);
}

// Visits each table of the array `key` (absent = none); `fn(table, field, node)` returns Status.
template <typename Fn>
Status ForEachTable(const TomlReader& reader, const toml::table& root, std::string_view key,
                    Fn fn) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return {};
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    return std::unexpected(reader.Fail(node, std::string(key), "must be an array of tables"));
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const toml::table* table = element.as_table();
    if (table == nullptr) {
      return std::unexpected(reader.Fail(&element, Indexed(key, i), "must be a table"));
    }
    if (Status status = fn(*table, Indexed(key, i)); !status) return status;
  }
  return {};
}

Result<std::vector<AnswerOption>> ReadOptions(const TomlReader& reader, const toml::table& table,
                                              const std::string& prefix) {
  std::vector<AnswerOption> options;
  std::string key_prefix = prefix;
  Status status = ForEachTable(
      reader, table, "options", [&](const toml::table& t, const std::string& field) -> Status {
        std::string full = Join(key_prefix, field);
        AnswerOption option;
        HAVEN_ASSIGN_OR_RETURN(score, reader.Int(t, "score", full));
        HAVEN_ASSIGN_OR_RETURN(loinc, reader.OptionalString(t, "loinc", full));
        HAVEN_ASSIGN_OR_RETURN(label, reader.Localized(t, "label", full));
        for (const AnswerOption& other : options) {
          if (other.score == score) {
            return std::unexpected(reader.Fail(t.get("score"), Join(full, "score"),
                                               "duplicates another option's score"));
          }
        }
        options.push_back(AnswerOption{score, std::move(loinc), std::move(label)});
        return {};
      });
  if (!status) return std::unexpected(status.error());
  return options;
}

Result<Item> ReadItem(const TomlReader& reader, const toml::table& t, const std::string& field,
                      const std::vector<AnswerOption>& default_options) {
  Item item;
  HAVEN_ASSIGN_OR_RETURN(id, reader.String(t, "id", field));
  HAVEN_ASSIGN_OR_RETURN(loinc, reader.OptionalString(t, "loinc", field));
  HAVEN_ASSIGN_OR_RETURN(scored, reader.OptionalBool(t, "scored", field, true));
  HAVEN_ASSIGN_OR_RETURN(required, reader.OptionalBool(t, "required", field, true));
  HAVEN_ASSIGN_OR_RETURN(text, reader.Localized(t, "text", field));
  HAVEN_ASSIGN_OR_RETURN(options, ReadOptions(reader, t, field));
  item.id = std::move(id);
  item.loinc = std::move(loinc);
  item.scored = scored;
  item.required = required;
  item.text = std::move(text);
  item.options = options.empty() ? default_options : std::move(options);
  if (item.options.empty()) {
    return std::unexpected(reader.Fail(&t, Join(field, "options"),
                                       "no answer options (set [[options]] or items.options)"));
  }
  if (const toml::node* node = t.get("enable_when")) {
    const toml::table* when = node->as_table();
    if (when == nullptr) {
      return std::unexpected(reader.Fail(node, Join(field, "enable_when"), "must be a table"));
    }
    std::string when_field = Join(field, "enable_when");
    HAVEN_ASSIGN_OR_RETURN(when_item, reader.String(*when, "item", when_field));
    HAVEN_ASSIGN_OR_RETURN(equals, reader.Int(*when, "equals", when_field));
    item.enable_when = EnableWhen{std::move(when_item), equals};
  }
  return item;
}

Result<CssrsRisk> ParseRisk(const TomlReader& reader, const toml::table& t,
                            const std::string& field) {
  HAVEN_ASSIGN_OR_RETURN(level, reader.String(t, "level", field));
  for (CssrsRisk risk : {CssrsRisk::kLow, CssrsRisk::kModerate, CssrsRisk::kHigh}) {
    if (level == CssrsRiskName(risk)) return risk;
  }
  return std::unexpected(
      reader.Fail(t.get("level"), Join(field, "level"), "must be low, moderate or high"));
}

Status ReadHeader(const TomlReader& reader, const toml::table& root, Instrument& out) {
  HAVEN_ASSIGN_OR_RETURN(id, reader.String(root, "id", ""));
  HAVEN_ASSIGN_OR_RETURN(name, reader.String(root, "name", ""));
  HAVEN_ASSIGN_OR_RETURN(version, reader.String(root, "version", ""));
  HAVEN_ASSIGN_OR_RETURN(kind, reader.String(root, "kind", ""));
  HAVEN_ASSIGN_OR_RETURN(title, reader.Localized(root, "title", ""));
  HAVEN_ASSIGN_OR_RETURN(instructions, reader.Localized(root, "instructions", ""));
  HAVEN_ASSIGN_OR_RETURN(due, reader.OptionalInt(root, "due_every_days", "", 14));
  HAVEN_ASSIGN_OR_RETURN(higher, reader.OptionalBool(root, "higher_is_better", "", false));
  if (kind != "sum" && kind != "cssrs") {
    return std::unexpected(reader.Fail(root.get("kind"), "kind", "must be \"sum\" or \"cssrs\""));
  }
  if (due < 1 || due > 365) {
    return std::unexpected(
        reader.Fail(root.get("due_every_days"), "due_every_days", "must be 1..365"));
  }
  out.id = std::move(id);
  out.name = std::move(name);
  out.version = std::move(version);
  out.kind = kind == "sum" ? ScoringKind::kSum : ScoringKind::kCssrs;
  out.title = std::move(title);
  out.instructions = std::move(instructions);
  out.due_every_days = due;
  out.higher_is_better = higher;
  HAVEN_ASSIGN_OR_RETURN(licence, reader.Table(root, "licence", ""));
  HAVEN_ASSIGN_OR_RETURN(holder, reader.String(*licence, "holder", "licence"));
  HAVEN_ASSIGN_OR_RETURN(note, reader.String(*licence, "note", "licence"));
  HAVEN_ASSIGN_OR_RETURN(source, reader.String(*licence, "source", "licence"));
  HAVEN_ASSIGN_OR_RETURN(translation, reader.String(*licence, "translation_source", "licence"));
  out.licence =
      Licence{std::move(holder), std::move(note), std::move(source), std::move(translation)};
  HAVEN_ASSIGN_OR_RETURN(codes, reader.Table(root, "codes", ""));
  HAVEN_ASSIGN_OR_RETURN(panel, reader.OptionalString(*codes, "panel", "codes"));
  HAVEN_ASSIGN_OR_RETURN(total, reader.OptionalString(*codes, "total", "codes"));
  HAVEN_ASSIGN_OR_RETURN(code_source, reader.String(*codes, "source", "codes"));
  out.panel_loinc = std::move(panel);
  out.total_loinc = std::move(total);
  return {};
}

Status ReadScoring(const TomlReader& reader, const toml::table& root, Instrument& out) {
  HAVEN_ASSIGN_OR_RETURN(scoring, reader.Table(root, "scoring", ""));
  HAVEN_ASSIGN_OR_RETURN(source, reader.String(*scoring, "source", "scoring"));
  HAVEN_ASSIGN_OR_RETURN(missing, reader.String(*scoring, "missing", "scoring"));
  if (missing != "refuse") {
    return std::unexpected(reader.Fail(scoring->get("missing"), "scoring.missing",
                                       "only \"refuse\" is supported: no total is invented "
                                       "from incomplete answers"));
  }
  HAVEN_ASSIGN_OR_RETURN(multiplier,
                         reader.OptionalInt(*scoring, "percentage_multiplier", "scoring", 0));
  HAVEN_ASSIGN_OR_RETURN(band_on, reader.OptionalString(*scoring, "band_on", "scoring"));
  if (!band_on.empty() && band_on != "total" && band_on != "percentage") {
    return std::unexpected(reader.Fail(scoring->get("band_on"), "scoring.band_on",
                                       "must be \"total\" or \"percentage\""));
  }
  out.percentage_multiplier = multiplier;
  out.bands_on_percentage = band_on == "percentage";
  return ForEachTable(
      reader, root, "bands", [&](const toml::table& t, const std::string& field) -> Status {
        HAVEN_ASSIGN_OR_RETURN(min, reader.Int(t, "min", field));
        HAVEN_ASSIGN_OR_RETURN(max, reader.Int(t, "max", field));
        HAVEN_ASSIGN_OR_RETURN(code, reader.String(t, "code", field));
        HAVEN_ASSIGN_OR_RETURN(label, reader.Localized(t, "label", field));
        if (min > max) {
          return std::unexpected(reader.Fail(&t, Join(field, "min"), "is greater than max"));
        }
        out.bands.push_back(Band{min, max, std::move(code), std::move(label)});
        return {};
      });
}

Status ReadRules(const TomlReader& reader, const toml::table& root, Instrument& out) {
  Status flags = ForEachTable(reader, root, "flags",
                              [&](const toml::table& t, const std::string& field) -> Status {
                                HAVEN_ASSIGN_OR_RETURN(name, reader.String(t, "name", field));
                                HAVEN_ASSIGN_OR_RETURN(item, reader.String(t, "item", field));
                                HAVEN_ASSIGN_OR_RETURN(above, reader.Int(t, "above", field));
                                HAVEN_ASSIGN_OR_RETURN(src, reader.String(t, "source", field));
                                out.flags.push_back(ItemFlag{name, item, above});
                                return {};
                              });
  if (!flags) return flags;
  return ForEachTable(
      reader, root, "risk_rules", [&](const toml::table& t, const std::string& field) -> Status {
        HAVEN_ASSIGN_OR_RETURN(level, ParseRisk(reader, t, field));
        RiskRule rule{level, {}};
        const toml::array* any = t.get_as<toml::array>("any_yes");
        if (any == nullptr || any->empty()) {
          return std::unexpected(
              reader.Fail(&t, Join(field, "any_yes"), "must be a non-empty array of item ids"));
        }
        for (const toml::node& id : *any) {
          if (!id.is_string()) {
            return std::unexpected(reader.Fail(&id, Join(field, "any_yes"), "must be strings"));
          }
          rule.any_yes.push_back(id.as_string()->get());
        }
        out.risk_rules.push_back(std::move(rule));
        return {};
      });
}

Status ReadOptionalSections(const TomlReader& reader, const toml::table& root, Instrument& out) {
  if (const toml::table* screen = root.get_as<toml::table>("screen")) {
    HAVEN_ASSIGN_OR_RETURN(positive_at, reader.Int(*screen, "positive_at", "screen"));
    HAVEN_ASSIGN_OR_RETURN(offer, reader.String(*screen, "offer", "screen"));
    HAVEN_ASSIGN_OR_RETURN(source, reader.String(*screen, "source", "screen"));
    out.screen = Screen{positive_at, std::move(offer)};
  }
  if (const toml::table* rc = root.get_as<toml::table>("reliable_change")) {
    HAVEN_ASSIGN_OR_RETURN(sd, reader.Double(*rc, "sd", "reliable_change"));
    HAVEN_ASSIGN_OR_RETURN(reliability, reader.Double(*rc, "reliability", "reliable_change"));
    HAVEN_ASSIGN_OR_RETURN(sd_source, reader.String(*rc, "sd_source", "reliable_change"));
    HAVEN_ASSIGN_OR_RETURN(r_source, reader.String(*rc, "reliability_source", "reliable_change"));
    if (sd <= 0 || reliability <= 0 || reliability >= 1) {
      return std::unexpected(
          reader.Fail(rc, "reliable_change", "needs sd > 0 and 0 < reliability < 1"));
    }
    out.reliable_change = ReliableChangeParams{sd, reliability};
  }
  if (const toml::table* nhs = root.get_as<toml::table>("nhs_talking_therapies")) {
    std::string prefix = "nhs_talking_therapies";
    HAVEN_ASSIGN_OR_RETURN(points, reader.Int(*nhs, "reliable_change_points", prefix));
    HAVEN_ASSIGN_OR_RETURN(caseness, reader.Int(*nhs, "caseness_at", prefix));
    HAVEN_ASSIGN_OR_RETURN(source, reader.String(*nhs, "source", prefix));
    out.nhs = NhsThresholds{points, caseness};
  }
  return {};
}

}  // namespace

Result<Instrument> ParseInstrument(std::string_view toml_text, std::string_view source_name) {
  TomlReader reader{std::string(source_name)};
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("{}:{}: {}", source_name, error.source().begin.line, error.description()), "");
  }
  Instrument out;
  out.source_path = std::string(source_name);
  if (Status s = ReadHeader(reader, root, out); !s) return std::unexpected(s.error());
  HAVEN_ASSIGN_OR_RETURN(default_options, ReadOptions(reader, root, ""));
  Status items = ForEachTable(
      reader, root, "items", [&](const toml::table& t, const std::string& field) -> Status {
        HAVEN_ASSIGN_OR_RETURN(item, ReadItem(reader, t, field, default_options));
        out.items.push_back(std::move(item));
        return {};
      });
  if (!items) return std::unexpected(items.error());
  if (Status s = ReadScoring(reader, root, out); !s) return std::unexpected(s.error());
  if (Status s = ReadRules(reader, root, out); !s) return std::unexpected(s.error());
  if (Status s = ReadOptionalSections(reader, root, out); !s) return std::unexpected(s.error());
  if (Status s = CheckInstrument(reader, root, out); !s) return std::unexpected(s.error());
  return out;
}

Result<Instrument> LoadInstrumentFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kNotFound, fmt::format("cannot read instrument file {}", path.string()),
                "");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseInstrument(text.str(), path.string());
}

Result<InstrumentCatalog> InstrumentCatalog::LoadDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  if (ec) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("cannot list instrument directory {}: {}", dir.string(), ec.message()),
                "");
  }
  std::sort(files.begin(), files.end());
  InstrumentCatalog catalog;
  for (const auto& file : files) {
    HAVEN_ASSIGN_OR_RETURN(instrument, LoadInstrumentFile(file));
    if (Status s = catalog.Add(std::move(instrument)); !s) return std::unexpected(s.error());
  }
  for (const Instrument& instrument : catalog.instruments_) {
    if (instrument.screen && catalog.Find(instrument.screen->offer_id) == nullptr) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}: screen.offer: no instrument \"{}\" in {}",
                              instrument.source_path, instrument.screen->offer_id, dir.string()),
                  "screen.offer");
    }
  }
  return catalog;
}

Status InstrumentCatalog::Add(Instrument instrument) {
  if (Find(instrument.id) != nullptr) {
    return Fail(ErrorCode::kConflict,
                fmt::format("{}: id \"{}\" is already used by another instrument file",
                            instrument.source_path, instrument.id),
                "id");
  }
  instruments_.push_back(std::move(instrument));
  return {};
}

const Instrument* InstrumentCatalog::Find(std::string_view id) const {
  for (const Instrument& instrument : instruments_) {
    if (instrument.id == id) return &instrument;
  }
  return nullptr;
}

}  // namespace haven::assess

#undef HAVEN_ASSIGN_OR_RETURN

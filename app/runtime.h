// The composition root: builds adapters and services from the configuration.
#pragma once

#include <memory>

#include "account/account_service.h"
#include "app/config.h"
#include "assess/assessment_service.h"
#include "assess/instrument_loader.h"
#include "core/clock.h"
#include "core/result.h"
#include "dialogue/chat_service.h"
#include "nlp/analyzer.h"
#include "privacy/audit.h"
#include "privacy/crypto.h"
#include "privacy/keyring.h"
#include "safety/safety.h"
#include "store/sqlite/sqlite_store.h"

namespace haven::app {

// Everything a running Haven needs, owned in dependency order (members are destroyed in
// reverse, so services go before the store they reference).
struct Runtime {
  AppConfig config;
  core::SystemClock clock;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<privacy::MasterKey> master_key;
  std::unique_ptr<privacy::AuditLog> audit;
  std::unique_ptr<privacy::Keyring> keyring;
  std::unique_ptr<account::AccountService> accounts;
  std::shared_ptr<const nlp::Analyzer> analyzer;
  std::shared_ptr<const safety::SafetyAssessor> safety;
  std::shared_ptr<const safety::HotlineDirectory> hotlines;
  std::shared_ptr<const safety::SafetyMessages> safety_messages;
  std::shared_ptr<const assess::InstrumentCatalog> instruments;
  std::unique_ptr<dialogue::ChatService> chat;
  std::unique_ptr<assess::AssessmentService> assessments;
};

enum class ContentLoading { kStoreOnly, kEverything };

// Creates the data directory (mode 0700), loads the master key, opens and migrates the store,
// and (kEverything) loads content and builds the services. Errors name what failed.
[[nodiscard]] core::Result<std::unique_ptr<Runtime>> StartRuntime(const AppConfig& config,
                                                                  ContentLoading loading);

}  // namespace haven::app

#include "privacy/crypto.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>
#include <vector>

namespace haven::privacy {
namespace {

class SodiumEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_TRUE(InitCrypto().has_value()); }
};
const auto* const kSodium = ::testing::AddGlobalTestEnvironment(new SodiumEnvironment);

constexpr std::string_view kHexKey =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// A fresh empty directory under the test temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "haven-crypto-XXXXXX";
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  [[nodiscard]] std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::filesystem::perms PermsOf(const std::string& path) {
  return std::filesystem::status(path).permissions();
}

TEST(Seal, RoundTripsWithNonceAndTagAroundCiphertext) {
  const core::Bytes key = NewDataKey();
  ASSERT_EQ(key.size(), 32u);
  const core::Bytes sealed = Seal(key, "I felt anxious today", "user-1");
  EXPECT_EQ(sealed.size(), 24u + 20u + 16u);
  auto opened = Open(key, sealed, "user-1");
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  EXPECT_EQ(*opened, "I felt anxious today");
}

TEST(Seal, SameTextSealsDifferentlyEachTime) {
  const core::Bytes key = NewDataKey();
  EXPECT_NE(Seal(key, "same", "u"), Seal(key, "same", "u"));
}

TEST(Seal, EmptyPlaintextRoundTrips) {
  const core::Bytes key = NewDataKey();
  auto opened = Open(key, Seal(key, "", "u"), "u");
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, "");
}

TEST(Open, WrongKeyIsPermissionDenied) {
  const core::Bytes sealed = Seal(NewDataKey(), "secret", "user-1");
  auto opened = Open(NewDataKey(), sealed, "user-1");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kPermissionDenied);
}

TEST(Open, WrongAssociatedDataIsPermissionDenied) {
  const core::Bytes key = NewDataKey();
  auto opened = Open(key, Seal(key, "secret", "user-1"), "user-2");
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kPermissionDenied);
}

TEST(Open, AnyTamperedByteIsPermissionDenied) {
  const core::Bytes key = NewDataKey();
  const core::Bytes sealed = Seal(key, "secret", "user-1");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    core::Bytes tampered = sealed;
    tampered[i] ^= 0x01;
    auto opened = Open(key, tampered, "user-1");
    ASSERT_FALSE(opened.has_value()) << "byte " << i;
    EXPECT_EQ(opened.error().code, core::ErrorCode::kPermissionDenied);
  }
}

TEST(Open, TruncatedInputIsPermissionDenied) {
  const core::Bytes key = NewDataKey();
  core::Bytes sealed = Seal(key, "secret", "u");
  sealed.resize(30);
  EXPECT_EQ(Open(key, sealed, "u").error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(Open(key, {}, "u").error().code, core::ErrorCode::kPermissionDenied);
}

TEST(MasterKey, WrapsForOneUserOnly) {
  auto master = MasterKey::FromHex(kHexKey);
  ASSERT_TRUE(master.has_value());
  const core::Bytes data_key = NewDataKey();
  const core::Bytes wrapped = master->Wrap(data_key, "user-1");
  auto unwrapped = master->Unwrap(wrapped, "user-1");
  ASSERT_TRUE(unwrapped.has_value());
  EXPECT_EQ(*unwrapped, data_key);
  EXPECT_EQ(master->Unwrap(wrapped, "user-2").error().code, core::ErrorCode::kPermissionDenied);
}

TEST(MasterKey, OtherMasterKeyCannotUnwrap) {
  auto first = MasterKey::FromHex(kHexKey);
  auto second = MasterKey::FromHex(core::ToHex(NewDataKey()));
  ASSERT_TRUE(first.has_value() && second.has_value());
  const core::Bytes wrapped = first->Wrap(NewDataKey(), "u");
  EXPECT_EQ(second->Unwrap(wrapped, "u").error().code, core::ErrorCode::kPermissionDenied);
}

TEST(MasterKey, FromHexRejectsWrongLengthAndNonHex) {
  EXPECT_EQ(MasterKey::FromHex("abcd").error().code, core::ErrorCode::kInvalidArgument);
  std::string not_hex(kHexKey);
  not_hex[10] = 'g';
  EXPECT_EQ(MasterKey::FromHex(not_hex).error().code, core::ErrorCode::kInvalidArgument);
}

TEST(MasterKey, CreatesPrivateKeyFileAndReloadsTheSameKey) {
  TempDir dir;
  const std::string path = dir.File("master.key");
  auto created = MasterKey::LoadOrCreate(path, "");
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(PermsOf(path),
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ifstream in(path);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content.size(), 64u);
  EXPECT_TRUE(core::FromHex(content).has_value());

  auto reloaded = MasterKey::LoadOrCreate(path, "");
  ASSERT_TRUE(reloaded.has_value()) << reloaded.error().message;
  const core::Bytes data_key = NewDataKey();
  auto unwrapped = reloaded->Unwrap(created->Wrap(data_key, "u"), "u");
  ASSERT_TRUE(unwrapped.has_value());
  EXPECT_EQ(*unwrapped, data_key);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.File("")), {}), 1);
}

TEST(MasterKey, EnvironmentValueWinsOverFile) {
  TempDir dir;
  const std::string path = dir.File("master.key");
  auto from_env = MasterKey::LoadOrCreate(path, kHexKey);
  ASSERT_TRUE(from_env.has_value());
  EXPECT_FALSE(std::filesystem::exists(path));
  auto direct = MasterKey::FromHex(kHexKey);
  const core::Bytes data_key = NewDataKey();
  EXPECT_EQ(direct->Unwrap(from_env->Wrap(data_key, "u"), "u").value(), data_key);
}

TEST(MasterKey, MalformedEnvironmentValueIsInvalidArgument) {
  TempDir dir;
  auto key = MasterKey::LoadOrCreate(dir.File("master.key"), "not-a-key");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(key.error().message.find("environment"), std::string::npos);
}

TEST(MasterKey, MalformedKeyFileIsInvalidArgumentNamingTheFile) {
  TempDir dir;
  const std::string path = dir.File("master.key");
  std::ofstream(path) << "zz" << std::string(62, '0') << "\n";
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto key = MasterKey::LoadOrCreate(path, "");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(key.error().message.find(path), std::string::npos);
}

TEST(MasterKey, WorldReadableKeyFileIsRefusedWithTheFix) {
  TempDir dir;
  const std::string path = dir.File("master.key");
  ASSERT_TRUE(MasterKey::LoadOrCreate(path, "").has_value());
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  auto key = MasterKey::LoadOrCreate(path, "");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(key.error().message.find("chmod 600 " + path), std::string::npos);
}

TEST(MasterKey, ConcurrentFirstStartsAgreeOnOneKey) {
  TempDir dir;
  const std::string path = dir.File("master.key");
  std::vector<std::optional<MasterKey>> keys(4);
  std::vector<std::thread> threads;
  for (auto& key : keys) {
    threads.emplace_back([&path, &key] {
      auto loaded = MasterKey::LoadOrCreate(path, "");
      if (loaded) key.emplace(std::move(*loaded));
    });
  }
  for (auto& thread : threads) thread.join();
  const core::Bytes data_key = NewDataKey();
  ASSERT_TRUE(keys[0].has_value());
  const core::Bytes wrapped = keys[0]->Wrap(data_key, "u");
  for (const auto& key : keys) {
    ASSERT_TRUE(key.has_value());
    EXPECT_EQ(key->Unwrap(wrapped, "u").value(), data_key);
  }
}

TEST(MasterKey, MissingDirectoryIsUnavailable) {
  TempDir dir;
  auto key = MasterKey::LoadOrCreate(dir.File("no/such/dir/master.key"), "");
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace haven::privacy

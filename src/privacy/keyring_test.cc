#include "privacy/keyring.h"

#include <gtest/gtest.h>

#include "privacy/testing/fake_repositories.h"

namespace haven::privacy {
namespace {

class KeyringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto().has_value());
    keys_.AddWrappedKey("alice", master_.Wrap(NewDataKey(), "alice"));
    keys_.AddWrappedKey("bob", master_.Wrap(NewDataKey(), "bob"));
  }

  MasterKey master_ = MasterKey::FromHex(core::ToHex(NewDataKey())).value();
  testing::FakeKeyRepository keys_;
  Keyring keyring_{master_, keys_};
};

TEST_F(KeyringTest, SealsAndOpensForTheSameUser) {
  auto sealed = keyring_.SealFor("alice", "my journal entry");
  ASSERT_TRUE(sealed.has_value());
  auto opened = keyring_.OpenFor("alice", *sealed);
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  EXPECT_EQ(*opened, "my journal entry");
}

TEST_F(KeyringTest, AnotherUsersKeyCannotOpen) {
  auto sealed = keyring_.SealFor("alice", "private");
  ASSERT_TRUE(sealed.has_value());
  auto opened = keyring_.OpenFor("bob", *sealed);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kPermissionDenied);
}

TEST_F(KeyringTest, ShreddedKeyMakesOldTextUnreadable) {
  auto sealed = keyring_.SealFor("alice", "private");
  ASSERT_TRUE(sealed.has_value());
  ASSERT_TRUE(keys_.DeleteWrappedKey("alice").has_value());
  auto opened = keyring_.OpenFor("alice", *sealed);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(keyring_.SealFor("alice", "more").error().code, core::ErrorCode::kNotFound);
}

TEST_F(KeyringTest, KeyWrappedForAnotherUserIsPermissionDenied) {
  // A wrapped key copied onto another user's row does not unwrap for them.
  keys_.AddWrappedKey("mallory", keys_.GetWrappedKey("alice").value());
  auto sealed = keyring_.SealFor("mallory", "x");
  ASSERT_FALSE(sealed.has_value());
  EXPECT_EQ(sealed.error().code, core::ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace haven::privacy

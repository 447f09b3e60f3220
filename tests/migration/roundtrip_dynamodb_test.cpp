// SQLite -> DynamoDB -> SQLite: every order comes back exactly, and the
// exports of the first and last SQLite files are the same bytes.

#include <gtest/gtest.h>

#include "managers/migration.hpp"
#include "migration/stores.hpp"

namespace {

using testing_support::orders_by_id;
using testing_support::export_text;
using testing_support::make_store;
using testing_support::populate;

TEST(RoundTripTest, SqliteToDynamoDbToSqliteIsExact) {
  testing_support::TempDir dir;
  auto original = make_store("sqlite", dir, "original");
  populate(*original, 64);
  auto cloud = make_store("dynamodb", dir, "roundtrip");
  auto back = make_store("sqlite", dir, "back");

  managers::MigrationOptions options;
  options.page_size = 25;
  const managers::MigrationReport up = managers::migrate(*original, *cloud, options);
  EXPECT_EQ(up.copied, 64);
  EXPECT_EQ(up.failed, 0);
  const managers::MigrationReport down = managers::migrate(*cloud, *back, options);
  EXPECT_EQ(down.read, 64);
  EXPECT_EQ(down.copied, 64);

  EXPECT_EQ(orders_by_id(*back), orders_by_id(*original));
  EXPECT_EQ(export_text(*back), export_text(*original));
  EXPECT_EQ(export_text(*cloud), export_text(*original));
  EXPECT_EQ(cloud->get_order_statistics(), original->get_order_statistics());

  // And once more: nothing to do in either direction.
  EXPECT_EQ(managers::migrate(*original, *cloud, options).already_present, 64);
  EXPECT_EQ(managers::migrate(*cloud, *back, options).already_present, 64);
}

}  // namespace

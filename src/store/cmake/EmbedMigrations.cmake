# Generates a C++ source holding the SQL migration files as raw string literals, so the
# binary carries its schema. Run in script mode at build time:
#   cmake -DOUTPUT=<file.cc> -DFILES=<a.sql|b.sql|...> -P EmbedMigrations.cmake
# File names must be NNNN_name.sql with versions 1, 2, 3... in order and no gaps.
string(REPLACE "|" ";" files "${FILES}")
set(entries "")
set(expected 1)
foreach(file IN LISTS files)
  get_filename_component(name "${file}" NAME)
  if(NOT name MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration ${file}: name must look like 0001_initial.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "migration ${file}: expected version ${expected}, got ${version}")
  endif()
  math(EXPR expected "${expected} + 1")
  file(READ "${file}" sql)
  if(sql MATCHES "\\)haven_sql\"")
    message(FATAL_ERROR "migration ${file} contains the raw-string delimiter )haven_sql\"")
  endif()
  string(APPEND entries "      {${version}, \"${name}\", R\"haven_sql(${sql})haven_sql\"},\n")
endforeach()

set(content "// Generated at build time by src/store/cmake/EmbedMigrations.cmake from
// src/store/migrations/sqlite/*.sql. Do not edit; edit the SQL files instead.
#include \"store/sqlite/migrations.h\"

namespace haven::store {

std::span<const Migration> EmbeddedSqliteMigrations() {
  static constexpr Migration kMigrations[] = {
${entries}  };
  return kMigrations;
}

}  // namespace haven::store
")
# Only touch the output when it changes, so an unchanged schema does not trigger a rebuild.
file(WRITE "${OUTPUT}.tmp" "${content}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

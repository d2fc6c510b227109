// haven-nlp: the NLP subcommands on their own (the same ones `haven` registers).
#include <CLI/CLI.hpp>

#include "nlp_commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Haven NLP tools: analyse text, train and evaluate the classifiers"};
  app.require_subcommand(1);
  haven::app::RegisterNlpCommands(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}

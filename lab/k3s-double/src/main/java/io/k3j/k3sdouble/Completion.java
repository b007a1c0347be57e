package io.k3j.k3sdouble;

import java.util.List;

/**
 * {@code k3s completion bash|zsh}: prints the shell's completion script, as K3s does
 * (pkg/cli/completion/completion.go genCompletionScript; the {@code -i} flag, which installs a
 * source line in the rc file, is not copied). The script asks the binary itself for its words
 * with urfave/cli's {@code --generate-bash-completion}.
 */
final class Completion {
    private static final String BASH = """
            #! /bin/bash
            _cli_bash_autocomplete() {
            if [[ "${COMP_WORDS[0]}" != "source" ]]; then
            \tlocal cur opts base
            \tCOMPREPLY=()
            \tcur="${COMP_WORDS[COMP_CWORD]}"
            \tif [[ "$cur" == "-"* ]]; then
            \topts=$( ${COMP_WORDS[@]:0:$COMP_CWORD} ${cur} --generate-bash-completion )
            \telse
            \topts=$( ${COMP_WORDS[@]:0:$COMP_CWORD} --generate-bash-completion )
            \tfi
            \tCOMPREPLY=( $(compgen -W "${opts}" -- ${cur}) )
            \treturn 0
            fi
            }

            complete -o bashdefault -o default -o nospace -F _cli_bash_autocomplete k3s
            """;
    private static final String ZSH = """
            #compdef k3s
            _cli_zsh_autocomplete() {

            \tlocal -a opts
            \tlocal cur
            \tcur=${words[-1]}
            \tif [[ "$cur" == "-"* ]]; then
            \topts=("${(@f)$(_CLI_ZSH_AUTOCOMPLETE_HACK=1 ${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
            \telse
            \topts=("${(@f)$(_CLI_ZSH_AUTOCOMPLETE_HACK=1 ${words[@]:0:#words[@]-1} --generate-bash-completion)}")
            \tfi

            \tif [[ "${opts[1]}" != "" ]]; then
            \t_describe 'values' opts
            \telse
            \t_files
            \tfi

            \treturn
            }

            compdef _cli_zsh_autocomplete k3s""";

    private Completion() {
    }

    /** The script for {@code args} ({@code [SHELL]}), or the error K3s gives. */
    static String script(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("must provide a valid SHELL argument");
        }
        return switch (args.get(0)) {
            case "bash" -> BASH;
            case "zsh" -> ZSH + "\n";
            default -> throw new IllegalArgumentException("unknown shell: " + args.get(0));
        };
    }
}

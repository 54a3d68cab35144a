# bash completion for tonescope
_tonescope()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    local commands="analyze show split batch merge compare lexicon eval"
    local common="--format --color --input-format --lexicon-dir --growth --negativity --modifiers --quiet --help"

    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    case $prev in
    -f|--format) COMPREPLY=($(compgen -W "text json tsv jsonl" -- "$cur")); return ;;
    --color|--colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --input-format) COMPREPLY=($(compgen -W "auto text markdown html" -- "$cur")); return ;;
    --lexicon-dir|-o|--out-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    esac
    local opts
    case $cmd in
    analyze) opts="--output --sentences --min-tone --compress-level --jobs --html $common" ;;
    show) opts="--section --sentences $common" ;;
    split) opts="$common" ;;
    batch) opts="--jobs --out-dir --summary --totals --include --exclude --hidden --follow --files-from --null --max-bytes --resume --compress-level $common" ;;
    merge) opts="--format --totals --help" ;;
    compare) opts="--fail-if-worse --section --terms --html $common" ;;
    eval) opts="--part --errors --min-macro-f1 --min-reframe-recall $common" ;;
    lexicon)
        if [ "$COMP_CWORD" -eq 2 ]; then
            COMPREPLY=($(compgen -W "check explain stats" -- "$cur"))
            return
        fi
        opts="$common" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -F _tonescope tonescope

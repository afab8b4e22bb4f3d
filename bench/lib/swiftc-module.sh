# Sourced by the scripts that compile parts of Sources/ with swiftc, outside SwiftPM (the fuzzers, the
# YAML leak check, yaml-bench), so that the package's own build is untouched and each keeps its own flags.
#
#   swiftc_module OUT NAME SOURCES...   one module, whole-module: OUT/NAME.o and OUT/modules/NAME.swiftmodule
#
# The flags are the caller's array `swiftc_flags`; `-I OUT/modules` lets later modules import earlier ones.
swiftc_module() {
    local out=$1 name=$2
    shift 2
    mkdir -p "$out/modules"
    swiftc "${swiftc_flags[@]}" -I "$out/modules" -module-name "$name" -parse-as-library -emit-module \
        -emit-module-path "$out/modules/$name.swiftmodule" -wmo -c "$@" -o "$out/$name.o"
}

# The libraries every YAML consumer links, in dependency order: Portability and Diagnostics, then
# YAMLTree over libyaml.
swiftc_yaml_modules() {
    local out=$1
    swiftc_module "$out" Portability Sources/Portability/*.swift
    swiftc_module "$out" Diagnostics Sources/Diagnostics/*.swift
    swiftc_module "$out" YAMLTree -I Sources/CLibYAML Sources/YAMLTree/*.swift
}

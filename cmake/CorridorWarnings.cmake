# Warning flags live on a private INTERFACE target that our own targets link PRIVATE-ly, so users
# of corridor::core / corridor::gis never inherit -Werror or our warning set.
add_library(corridor_warnings INTERFACE)
target_compile_options(corridor_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${CORRIDOR_WERROR}>:-Werror>)
if(CORRIDOR_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
endif()

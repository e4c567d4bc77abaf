/* Functions that cannot be used safely on untrusted input. Include this last in every .c file of
 * the project so that a use is a compile error (the idea is git's banned.h). */
#ifndef BS_BANNED_H
#define BS_BANNED_H
#pragma GCC poison strcpy strcat sprintf vsprintf gets atoi atol strtok
#endif

@echo off
rem Starts Coffer on Windows: finds Java 21 or newer (JAVA_HOME, then java on the PATH) and runs lib\coffer.jar
rem with the given arguments, for example: bin\coffer serve
rem Environment: JAVA_HOME, COFFER_JAVA_OPTS (extra JVM options), COFFER_JAR (run another jar).
setlocal EnableDelayedExpansion
set "COFFER_HOME=%~dp0.."
if defined COFFER_JAR (set "JAR=%COFFER_JAR%") else (set "JAR=%COFFER_HOME%\lib\coffer.jar")

set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" call :check "%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%J in (java.exe) do if not "%%~$PATH:J"=="" call :check "%%~$PATH:J"
if not defined JAVA (
  echo coffer: needs Java 21 or newer ^(looked at JAVA_HOME and the PATH^). Install a JDK 21+, for example 1>&2
  echo   winget install EclipseAdoptium.Temurin.21.JDK   or from https://adoptium.net, 1>&2
  echo or set JAVA_HOME to one that is installed already. 1>&2
  exit /b 1
)

rem A class-data-sharing archive beside the jar makes later starts faster; the JVM's CDS log lines are off.
set "CDS=%JAR:~0,-4%.jsa"
"%JAVA%" -XX:SharedArchiveFile="%CDS%" -XX:+AutoCreateSharedArchive -Xlog:cds*=off %COFFER_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%

rem Sets JAVA to %1 when its major version is 21 or newer.
:check
set "MAJOR="
for /f "tokens=3" %%V in ('""%~1" -version 2>&1 | findstr /i /c:" version ""') do (
  for /f "delims=." %%M in ("%%~V") do set "MAJOR=%%M"
)
if not defined MAJOR exit /b 0
if !MAJOR! GEQ 21 set "JAVA=%~1"
exit /b 0

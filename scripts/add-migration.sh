#!/usr/bin/env bash
# Adds an EF Core migration named NAME to BOTH providers' migrations sets of src/Jixiao.Data
# (Migrations/Sqlite for SqliteJixiaoDbContext, Migrations/Postgres for PostgresJixiaoDbContext).
#
#   bash scripts/add-migration.sh AddSomething
#
# Uses `dotnet ef` when it is installed (dotnet tool install -g dotnet-ef --version 10.0.*); otherwise it runs ef.dll
# from the Microsoft.EntityFrameworkCore.Tools package (the same program dotnet-ef runs) through a throwaway startup
# project under /tmp, so no global tool is needed. No database server is needed either.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
root=$(pwd)
ef_version=10.0.5
data="$root/src/Jixiao.Data"

work=$(mktemp -d /tmp/jixiao-migrations.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat >"$work/MigrationsHost.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.EntityFrameworkCore.Design" Version="$ef_version" />
    <PackageReference Include="Microsoft.EntityFrameworkCore.Tools" Version="$ef_version" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="$data/Jixiao.Data.csproj" />
  </ItemGroup>
</Project>
XML
echo 'return 0;' >"$work/Program.cs"
echo '<Project></Project>' >"$work/Directory.Build.props"
echo '<Project></Project>' >"$work/Directory.Packages.props"

dotnet build "$work/MigrationsHost.csproj" -c Debug -o "$work/out" -nologo -clp:ErrorsOnly >&2
tools=$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.entityframeworkcore.tools/$ef_version/tools" -path '*net8.0/any/ef.dll' | head -n 1)

for provider in Sqlite Postgres; do
  echo "== $provider: $name" >&2
  dotnet exec --depsfile "$work/out/MigrationsHost.deps.json" \
    --runtimeconfig "$work/out/MigrationsHost.runtimeconfig.json" \
    "$tools" migrations add "$name" \
    --assembly "$work/out/Jixiao.Data.dll" --startup-assembly "$work/out/MigrationsHost.dll" \
    --project-dir "$data/" --root-namespace Jixiao.Data --language C# --framework net10.0 --working-dir "$root" \
    --context "${provider}JixiaoDbContext" --output-dir "Migrations/$provider" >&2
done
echo "added $name to src/Jixiao.Data/Migrations/Sqlite and src/Jixiao.Data/Migrations/Postgres" >&2

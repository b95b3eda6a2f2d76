using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UserNameNormalised : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "normalized_user_name",
                table: "users",
                type: "character varying(121)",
                maxLength: 121,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Existing accounts get their name lowered as their normalised name (the application completes NFKC at
            // start, UserNames.EnsureNormalisedAsync). Accounts whose names differ only in case — Admin beside admin,
            // possible before — do not break the unique index: the oldest keeps the name, each later one gets it with
            // '#' and its id appended, and signs in with its exact name as before.
            migrationBuilder.Sql("UPDATE users SET normalized_user_name = lower(trim(user_name));");
            migrationBuilder.Sql("""
                UPDATE users SET normalized_user_name = normalized_user_name || '#' || CAST(id AS TEXT)
                WHERE EXISTS (SELECT 1 FROM users older WHERE older.id < users.id AND lower(trim(older.user_name)) = users.normalized_user_name);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_users_normalized_user_name",
                table: "users",
                column: "normalized_user_name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_normalized_user_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "normalized_user_name",
                table: "users");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "users");
        }
    }
}

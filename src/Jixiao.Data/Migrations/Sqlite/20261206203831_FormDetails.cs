using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FormDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "explanation",
                table: "indicators",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "operator",
                table: "indicators",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "indicators",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "details",
                table: "form_goals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "long_term",
                table: "form_goals",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "explanation",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "operator",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "unit",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "details",
                table: "form_goals");

            migrationBuilder.DropColumn(
                name: "long_term",
                table: "form_goals");
        }
    }
}
